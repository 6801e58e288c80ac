package cn.zhiban.enterprise;

import cn.zhiban.web.ApiProblem;
import cn.zhiban.web.FieldError;
import cn.zhiban.web.Validation;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * PUT /enterprises bodies: each field is left out, valid, or broken in one of the ways the API
 * describes; validation must name exactly the broken fields (all at once), and never throw.
 */
class EnterpriseInputPropertiesTest {
    private static final Pattern KNOWN_FIELD = Pattern.compile(
            "(name|taxCreditGrade|publicCreditGrade|creditRepairedOn|regionCode|park|industryCode|establishedOn|insuredEmployees|graduatesHired"
                    + "|revenue|totalAssets|taxPaid|rdExpense|unemploymentInsurancePaid)"
                    + "|(listings|qualifications)\\[\\d+](\\.(list|type|since|until))?|attributes(\\..*)?", Pattern.DOTALL);

    /** A field's value and the error fields it must cause (none when valid or left out). */
    record Pick(Object value, List<String> errors) {
        static Pick ok(Object value) {
            return new Pick(value, List.of());
        }

        static Pick bad(Object value, String field) {
            return new Pick(value, List.of(field));
        }
    }

    /** One of the given picks, each generated from the same randomness (so failures shrink). */
    @SafeVarargs
    private static Gen<Pick> oneOf(Gen<Pick> first, Gen<Pick>... rest) {
        return Generate.oneOf(first, rest);
    }

    private static Gen<LocalDate> dates() {
        return integers().between(0, 300 * 366).map(n -> LocalDate.of(1900, 1, 1).plusDays(n));
    }

    private static Gen<Pick> name() {
        return oneOf(Generate.constant(Pick.ok("成都测试科技有限公司")), Generate.constant(Pick.bad(null, "name")),
                Generate.pick(List.of("", " ", "\t\n", "\u3000")).map(s -> Pick.bad(s, "name")),
                integers().between(201, 400).map(n -> Pick.bad("企".repeat(n), "name")));
    }

    private static Gen<Pick> grade(String field, List<String> valid) {
        return oneOf(Generate.constant(Pick.ok(null)), Generate.pick(valid).map(Pick::ok),
                Generate.pick(List.of("", "a", "AA", "E", "Ａ", " A", "null", "AAA")).map(s -> Pick.bad(s, field)));
    }

    private static Gen<Pick> pattern(String field, List<String> valid, List<String> invalid) {
        return oneOf(Generate.constant(Pick.ok(null)), Generate.pick(valid).map(Pick::ok), Generate.pick(invalid).map(s -> Pick.bad(s, field)));
    }

    private static Gen<Pick> count(String field) {
        return oneOf(Generate.constant(Pick.ok(null)), integers().between(0, Integer.MAX_VALUE).map(Pick::ok),
                integers().between(Integer.MIN_VALUE, -1).map(n -> Pick.bad(n, field)));
    }

    private static Gen<Pick> money(String field) {
        return oneOf(Generate.constant(Pick.ok(null)),
                longs().between(0, 99_999_999_999_999_99L).map(n -> Pick.ok(BigDecimal.valueOf(n, 2))),
                longs().between(1, Long.MAX_VALUE).map(n -> Pick.bad(BigDecimal.valueOf(-n, 2), field)),
                longs().between(1, Long.MAX_VALUE).zip(integers().between(3, 30), (n, scale) -> BigDecimal.valueOf(n * 10 + 1, scale))
                        .map(v -> Pick.bad(v, field)),
                integers().between(16, 1000).map(digits -> Pick.bad(BigDecimal.TEN.pow(digits), field)),
                // JSON such as 100E+2147483647: an exponent at the edge of int
                integers().between(0, 1000).map(k -> Pick.bad(new BigDecimal(BigInteger.valueOf(100), Integer.MIN_VALUE + k), field)));
    }

    /** Entries of a list field; each fine, null, or broken in one member. */
    private static Gen<Pick> entries(String field, Gen<Pick> entry) {
        Gen<Pick> list = integers().between(0, 3).flatMap(n -> in -> {
            List<Object> values = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Pick p = entry.generate(in);
                values.add(p.value());
                int at = i;
                p.errors().forEach(e -> errors.add(field + "[" + at + "]" + e));
            }
            return new Pick(values, errors);
        });
        return oneOf(Generate.constant(Pick.ok(null)), list);
    }

    private static Gen<Pick> listing() {
        Gen<String> list = Generate.pick(List.copyOf(new TreeSet<>(Listing.LISTS)));
        return dates().zip(integers().between(1, 3000), list, (since, days, name) -> new Pick[]{
                Pick.ok(new Listing(name, since, null)),
                Pick.ok(new Listing(name, since, since.plusDays(days))),
                new Pick(null, List.of("")),
                new Pick(new Listing("BLACKLIST", since, null), List.of(".list")),
                new Pick(new Listing(null, since, null), List.of(".list")),
                new Pick(new Listing(name, null, since), List.of(".since")),
                new Pick(new Listing(name, since, since), List.of(".until")),
                new Pick(new Listing(name, since, since.minusDays(days)), List.of(".until"))})
                .zip(integers().between(0, 7), (picks, i) -> picks[i]);
    }

    private static Gen<Pick> qualification() {
        Gen<String> type = Generate.pick(List.copyOf(new TreeSet<>(Qualification.TYPES)));
        return dates().zip(integers().between(1, 3000), type, (since, days, name) -> new Pick[]{
                Pick.ok(new Qualification(name, since, null)),
                Pick.ok(new Qualification(name, since, since)),
                new Pick(null, List.of("")),
                new Pick(new Qualification("high_tech", since, null), List.of(".type")),
                new Pick(new Qualification(name, null, null), List.of(".since")),
                new Pick(new Qualification(name, since, since.minusDays(days)), List.of(".until"))})
                .zip(integers().between(0, 5), (picks, i) -> picks[i]);
    }

    private static Gen<Pick> attributes() {
        Gen<Object> scalar = Generate.oneOf(strings().basicLatinAlphabet().ofLengthBetween(0, 10).map(s -> (Object) s),
                integers().all().map(n -> (Object) n), Generate.booleans().map(b -> (Object) b), Generate.constant((Object) new BigDecimal("1.5")));
        Gen<Pick> fine = integers().between(0, 5).zip(scalar, (n, v) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                m.put("attr_" + i, v);
            }
            return Pick.ok(m);
        });
        Gen<Pick> badKey = Generate.pick(List.of("1x", "_x", "名称", "a-b", "a b", "", "x".repeat(41)))
                .map(k -> new Pick(map(k, "v"), List.of("attributes." + k)));
        Gen<Pick> badValue = Generate.pick(List.<Object>of(List.of(1), Map.of("a", 1), new ArrayList<>()))
                .map(v -> new Pick(map("nested", v), List.of("attributes.nested")));
        Gen<Pick> tooMany = integers().between(51, 80).map(n -> {
            Map<String, Object> m = new HashMap<>();
            for (int i = 0; i < n; i++) {
                m.put("a" + i, i);
            }
            return new Pick(m, List.of("attributes"));
        });
        return oneOf(Generate.constant(Pick.ok(null)), fine, badKey, badValue, tooMany);
    }

    private static Map<String, Object> map(String key, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, value);
        return m;
    }

    /** A whole body: every field picked independently. */
    static Gen<List<Pick>> bodies() {
        List<Gen<Pick>> fields = List.of(name(), grade("taxCreditGrade", List.of("A", "B", "M", "C", "D")),
                grade("publicCreditGrade", List.of("A", "B", "C", "D")), entries("listings", listing()),
                dates().map(Pick::ok).mix(Generate.constant(Pick.ok(null))),
                pattern("regionCode", List.of("510107", "000000"), List.of("51010", "5101077", "51010A", "５１０１０７", "")),
                pattern("park", List.of("TFNA", "CD-HT-01"), List.of("tfna", "T", "-TF", "园区", "A".repeat(31))),
                pattern("industryCode", List.of("C", "C35", "I651", "M7320"), List.of("c35", "U10", "C3", "C35201", "35")),
                dates().map(Pick::ok).mix(Generate.constant(Pick.ok(null))),
                count("insuredEmployees"), money("revenue"), money("totalAssets"), money("taxPaid"), money("rdExpense"),
                money("unemploymentInsurancePaid"), count("graduatesHired"), entries("qualifications", qualification()), attributes());
        return in -> fields.stream().map(g -> g.generate(in)).toList();
    }

    @SuppressWarnings("unchecked")
    private static EnterpriseInput input(List<Pick> p) {
        return new EnterpriseInput((String) p.get(0).value(), (String) p.get(1).value(), (String) p.get(2).value(), (List<Listing>) p.get(3).value(),
                (LocalDate) p.get(4).value(), (String) p.get(5).value(), (String) p.get(6).value(), (String) p.get(7).value(),
                (LocalDate) p.get(8).value(), (Integer) p.get(9).value(), (BigDecimal) p.get(10).value(), (BigDecimal) p.get(11).value(),
                (BigDecimal) p.get(12).value(), (BigDecimal) p.get(13).value(), (BigDecimal) p.get(14).value(), (Integer) p.get(15).value(),
                (List<Qualification>) p.get(16).value(), (Map<String, Object>) p.get(17).value());
    }

    private static List<String> errors(EnterpriseInput input) {
        try {
            Validation v = new Validation();
            input.validate(v);
            v.throwIfInvalid();
            return List.of();
        } catch (ApiProblem problem) {
            assertEquals(422, problem.status());
            return problem.errors().stream().map(FieldError::field).toList();
        }
    }

    @Test
    void everyBrokenFieldIsNamedOnceAndNoOtherIs() {
        qt().withExamples(2000).forAll(bodies()).checkAssert(picks -> {
            List<String> expected = picks.stream().flatMap(p -> p.errors().stream()).sorted().toList();
            assertEquals(expected, errors(input(picks)).stream().sorted().toList(), () -> input(picks).toString());
        });
    }

    /** Arbitrary text, numbers of any size and scale, dates of any year: refused by field or accepted, never an exception. */
    @Test
    void arbitraryValuesNeverThrowAndOnlyNameKnownFields() {
        Gen<String> text = strings().allPossible().ofLengthBetween(0, 30).mix(Generate.constant((String) null), 20);
        Gen<BigDecimal> number = longs().all().zip(integers().all(), (unscaled, scale) -> new BigDecimal(BigInteger.valueOf(unscaled), scale))
                .mix(Generate.constant((BigDecimal) null), 20);
        Gen<Integer> ints = integers().all().mix(Generate.constant((Integer) null), 20);
        Gen<LocalDate> date = longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()).map(LocalDate::ofEpochDay);
        Gen<EnterpriseInput> inputs = in -> new EnterpriseInput(text.generate(in), text.generate(in), text.generate(in),
                List.of(new Listing(text.generate(in), date.generate(in), date.generate(in))), date.generate(in),
                text.generate(in), text.generate(in), text.generate(in), date.generate(in), ints.generate(in),
                number.generate(in), number.generate(in), number.generate(in), number.generate(in), number.generate(in), ints.generate(in),
                List.of(new Qualification(text.generate(in), date.generate(in), date.generate(in))),
                map(String.valueOf(text.generate(in)), text.generate(in)));
        qt().withExamples(3000).forAll(inputs).checkAssert(input -> {
            try {
                errors(input).forEach(field -> assertTrue(KNOWN_FIELD.matcher(field).matches(), field));
            } catch (RuntimeException e) {
                fail(input + " threw " + e, e);
            }
        });
    }
}
