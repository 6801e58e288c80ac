package cn.zhiban.web;

import cn.zhiban.acceptance.DecisionRequest;
import cn.zhiban.enterprise.EnterpriseInput;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * The API's JSON reader, configured as the service configures it: garbage is refused with a Jackson
 * exception (mapped to a 400 naming the field), never any other exception (which would be a 500).
 */
class ApiJsonPropertiesTest {
    private static final ObjectMapper JSON = mapper();
    private static final String DECISION = """
            {"itemCode": "SCJG-SPJY-001", "applicantUscc": "91510107MA6LGA5KXD", "applicationDate": "2026-11-23",
             "submittedMaterials": ["M01", "M02"], "pledgedMaterials": ["M03"], "pledgeSiteInspection": false}""";
    private static final String ENTERPRISE = """
            {"name": "测试", "taxCreditGrade": "A", "listings": [{"list": "DISHONEST_DEBTOR", "since": "2025-01-01", "until": null}],
             "establishedOn": "2020-02-29", "insuredEmployees": 12, "revenue": 1234.56,
             "qualifications": [{"type": "HIGH_TECH", "since": "2024-01-01"}], "attributes": {"suite": "x", "n": 1.5, "b": true}}""";
    private static final List<String> FRAGMENTS = List.of("1e99999", "-1", "1.5", "true", "null", "\"\\u0000\"", "[", "]", "{", "}",
            "\"9999-99-99\"", "\"0001-01-01\"", "\"2026-02-30\"", "99999999999999999999999", "\"x\"", ",", ":", "\"\"", "NaN", "[[[[[[[[",
            "{\"a\":", "\"\\ud800\"", "0x10", "1e-99999", "-0", "\"+002026-01-01\"");

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new ApiJson().customize(mapper);
        return mapper;
    }

    /** Random JSON-ish noise, and valid bodies cut short, with a span deleted, or with a hostile fragment inserted. */
    static Gen<String> garbage() {
        Gen<String> noise = lists().of(Generate.pick("{}[]\":,.-+eE0123456789 \\untrufals\u0000中".chars().mapToObj(c -> String.valueOf((char) c)).toList()))
                .ofSizeBetween(0, 200).map(l -> String.join("", l));
        Gen<String> mutated = Generate.pick(List.of(DECISION, ENTERPRISE)).zip(integers().between(0, 10_000), integers().between(0, 10_000),
                Generate.pick(FRAGMENTS), (valid, i, j, fragment) -> {
                    int a = i % (valid.length() + 1);
                    int b = j % (valid.length() + 1);
                    return switch (j % 3) {
                        case 0 -> valid.substring(0, a);
                        case 1 -> valid.substring(0, Math.min(a, b)) + valid.substring(Math.max(a, b));
                        default -> valid.substring(0, a) + fragment + valid.substring(a);
                    };
                });
        return noise.mix(mutated, 70).mix(strings().allPossible().ofLengthBetween(0, 100), 20);
    }

    @Test
    void garbageIsReadOrRefusedByJackson() {
        qt().withExamples(3000).forAll(garbage()).checkAssert(body -> {
            readsOrRefuses(body, DecisionRequest.class);
            readsOrRefuses(body, EnterpriseInput.class);
        });
    }

    private static void readsOrRefuses(String body, Class<?> type) {
        try {
            JSON.readValue(body, type);
        } catch (JacksonException expected) {
            // a 400 naming the field
        } catch (Exception | StackOverflowError e) {
            fail(type.getSimpleName() + " body " + body + " threw " + e, e);
        }
    }

    /** Any numeric literal, exponents up to the edge of int included: refused by Jackson, or read and then validated by field. */
    @Test
    void moneyOfAnySizeIsReadAndValidatedWithoutException() {
        Gen<String> literal = integers().between(0, 1_000_000).zip(integers().between(0, 3), integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE),
                (digits, zeros, exponent) -> digits + "0".repeat(zeros) + "E" + (exponent >= 0 ? "+" : "") + exponent)
                .mix(integers().between(0, 100).map(k -> "100E+" + (Integer.MAX_VALUE - k)), 30);
        qt().withExamples(2000).forAll(literal).checkAssert(number -> {
            try {
                EnterpriseInput input = JSON.readValue("{\"name\": \"测试\", \"revenue\": " + number + "}", EnterpriseInput.class);
                Validation v = new Validation();
                input.validate(v);
                if (!v.hasErrors()) {   // accepted: yuan and fen, within the column's range
                    assertTrue(input.revenue().signum() >= 0 && input.revenue().compareTo(new BigDecimal("999999999999999.99")) <= 0, number);
                    input.revenue().setScale(2, RoundingMode.UNNECESSARY);
                }
            } catch (JacksonException refused) {
                // a 400
            } catch (RuntimeException e) {
                fail(number + " threw " + e, e);
            }
        });
    }

    @Test
    void numbersAreNotBooleans() {
        qt().forAll(integers().all()).checkAssert(n ->
                assertThrows(JacksonException.class, () -> JSON.readValue("{\"pledgeSiteInspection\": " + n + "}", DecisionRequest.class)));
    }

    @Test
    void fractionsAreNotCounts() {
        qt().forAll(integers().between(-1000, 1000), integers().between(1, 99)).checkAssert((whole, fraction) ->
                assertThrows(JacksonException.class, () -> JSON.readValue("{\"insuredEmployees\": " + whole + "." + fraction + "}", EnterpriseInput.class)));
    }

    /** Dates within 1900–2199 are read as written; any other year is refused, never passed to the database. */
    @Test
    void datesOutsideTheSaneRangeAreRefused() {
        qt().forAll(integers().between(0, 9999), integers().between(1, 28)).checkAssert((year, day) -> {
            String date = String.format("%04d-03-%02d", year, day);
            String body = "{\"applicationDate\": \"" + date + "\"}";
            if (year >= ApiJson.FIRST_YEAR && year <= ApiJson.LAST_YEAR) {
                try {
                    assertEquals(LocalDate.parse(date), JSON.readValue(body, DecisionRequest.class).applicationDate());
                } catch (JacksonException e) {
                    fail(date + " refused", e);
                }
            } else {
                assertThrows(JacksonException.class, () -> JSON.readValue(body, DecisionRequest.class), date);
            }
        });
    }

    @Test
    void anyStringWithNulIsRefused() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 20), strings().allPossible().ofLengthBetween(0, 20)).checkAssert((before, after) ->
                assertThrows(JacksonException.class, () -> JSON.readValue("{\"name\": " + quote(before + '\u0000' + after) + "}", EnterpriseInput.class)));
    }

    @Test
    void stringsWithoutNulArriveUnchanged() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).assuming(s -> s.indexOf('\u0000') < 0).checkAssert(s -> {
            try {
                assertEquals(List.of(s), JSON.readValue("{\"submittedMaterials\": [" + quote(s) + "]}", DecisionRequest.class).submittedMaterials());
            } catch (JacksonException e) {
                fail(e);
            }
        });
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
