package cn.zhiban.web;

import cn.zhiban.support.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 generated hostile requests (seeded, reproducible) against the write and read endpoints:
 * malformed JSON, wrong types, huge numbers, negative money, absurd dates, invalid USCCs, SQL and DRL
 * fragments, unknown enum values, deep nesting, long strings. Every one must get a 4xx
 * problem+json; none a 5xx; and nothing may be written.
 */
@QuarkusTest
class HostileInputTest {
    private static final int REQUESTS = 10_000;
    private static final String[] HOSTILE_STRINGS = {"' OR 1=1 --", "'; drop table enterprise; --", "System.exit(0);", "rule \"x\" when then end",
            "${jndi:ldap://x}", "<script>alert(1)</script>", "\u0000", "９１５１０１０７ＭＡ６ＬＧＡ５ＫＸＤ", "91510107ma6lga5kxd",
            "91510107MA6LGA5KX", "91510107MA6LGA5KXDD", "91510107MA6LGA5KXE", "", " ", "null", "NaN", "💥".repeat(40)};
    private static final Object[] HOSTILE_NUMBERS = {-1, -0.01, 1e308, new java.math.BigDecimal("1e400"), new java.math.BigDecimal("99999999999999999999999"),
            0.001, Integer.MIN_VALUE, Long.MAX_VALUE, new java.math.BigDecimal("100E+2147483647")};
    private static final String[] HOSTILE_DATES = {"0000-00-00", "9999-99-99", "2026-02-30", "-1", "2026/06/01", "1.6e9", "23/11/2026", "+999999999-12-31"};

    @Inject
    AgroalDataSource dataSource;

    private Random random;

    @Test
    void tenThousandHostileRequestsGetProblemJsonAndWriteNothing() throws SQLException {
        random = new Random(7);
        String applicant = Api.applicant("A", "A");
        Map<String, Long> before = counts();
        List<Supplier<Response>> kinds = List.of(
                () -> json("POST", "/api/v1/acceptance/decisions", hostileApplication(applicant)),
                () -> json("PUT", "/api/v1/enterprises/" + hostileUscc(), hostileEnterprise()),
                () -> json("PUT", "/api/v1/enterprises/" + applicant, hostileEnterpriseBody()),
                () -> json("POST", "/api/v1/acceptance/decisions/" + hostileId() + "/supplements", Map.of("materials", List.of(pick(HOSTILE_STRINGS)), "date", pick(HOSTILE_DATES))),
                () -> json("POST", "/api/v1/acceptance/decisions/" + hostileId() + "/verifications", Map.of("outcome", pick(HOSTILE_STRINGS), "date", "2026-06-01")),
                () -> raw("POST", "/api/v1/obligations/sweep", "{\"asOf\": \"" + pick(HOSTILE_DATES) + "\"}"),
                () -> json("POST", "/api/v1/matching/evaluate", Map.of("asOf", "2026-06-01", "profile", hostileEnterprise())),
                () -> given().get("/api/v1/enterprises/" + applicant + "/matches?asOf=" + pick(HOSTILE_DATES)),
                () -> json("POST", "/api/v1/policies/" + pick(new String[]{"NOPE", "N-WGFH-2026"}) + "/runs", Map.of("asOf", pick(HOSTILE_DATES))),
                () -> json("POST", "/api/v1/grants/" + hostileId() + "/confirm", Map.of("bankAccount", pick(HOSTILE_STRINGS))),
                () -> json("POST", "/api/v1/grants/" + hostileId() + "/decline", Map.of()),
                () -> json("PUT", "/api/v1/enterprises/" + applicant + "/subscriptions", Map.of("categories", List.of(pick(HOSTILE_STRINGS)))),
                () -> raw("POST", "/api/v1/acceptance/decisions", malformedJson()),
                () -> raw("PUT", "/api/v1/enterprises/" + applicant, deepNesting(random.nextInt(5) == 0 ? 5000 : 200)),
                () -> given().contentType("application/x-ndjson").body(("{\"uscc\": \"" + pick(HOSTILE_STRINGS) + "\", \"name\": 1}\n" + malformedJson()).getBytes())
                        .post("/api/v1/enterprise-imports"));
        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            int kind = random.nextInt(kinds.size());
            Response response = kinds.get(kind).get();
            int status = response.statusCode();
            byStatus.merge(String.valueOf(status), 1, Integer::sum);
            String contentType = response.contentType();
            boolean importReport = kind == kinds.size() - 1 && status == 200;   // bulk import reports bad rows with 200
            if (!importReport && (status < 400 || status >= 500 || contentType == null || !contentType.startsWith("application/problem+json"))) {
                if (bad.size() < 20) {
                    bad.add("request " + i + " kind " + kind + " → " + status + " " + contentType + " " + response.asString().substring(0, Math.min(200, response.asString().length())));
                }
            }
        }
        System.out.println("HostileInputTest: " + REQUESTS + " hostile requests, statuses " + byStatus);
        assertTrue(bad.isEmpty(), String.join("\n", bad));
        assertEquals(before, counts(), "a refused request wrote something");
    }

    private Response json(String method, String path, Object body) {
        var request = given().contentType("application/json").body(body);
        return "PUT".equals(method) ? request.put(path) : request.post(path);
    }

    private Response raw(String method, String path, String body) {
        var request = given().contentType("application/json").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "PUT".equals(method) ? request.put(path) : request.post(path);
    }

    private Map<String, Object> hostileApplication(String applicant) {
        Map<String, Object> body = Api.application("SCJG-SPJY-001", applicant, "2026-06-01", List.of("M01"), List.of(), false);
        switch (random.nextInt(6)) {
            case 0 -> body.put("applicantUscc", hostileUscc());
            case 1 -> body.put("applicationDate", pick(HOSTILE_DATES));
            case 2 -> body.put("submittedMaterials", List.of(pick(HOSTILE_STRINGS)));
            case 3 -> body.put("itemCode", pick(HOSTILE_STRINGS));
            case 4 -> body.put("pledgeSiteInspection", pick(HOSTILE_NUMBERS));
            default -> body.put(pick(HOSTILE_STRINGS) + "x", "unknown field");
        }
        return body;
    }

    private Map<String, Object> hostileEnterprise() {
        Map<String, Object> body = Api.enterprise("A", "A");
        switch (random.nextInt(8)) {
            case 0 -> body.put("revenue", pick(HOSTILE_NUMBERS));
            case 1 -> body.put("industryCode", pick(HOSTILE_STRINGS));
            case 2 -> body.put("taxCreditGrade", pick(HOSTILE_STRINGS));
            case 3 -> body.put("establishedOn", pick(HOSTILE_DATES));
            case 4 -> body.put("insuredEmployees", random.nextBoolean() ? -5 : 10.5);
            case 5 -> body.put("listings", List.of(Map.of("list", pick(HOSTILE_STRINGS), "since", "2026-01-01")));
            case 6 -> body.put("qualifications", List.of(Map.of("type", "HIGH_TECH", "since", pick(HOSTILE_DATES))));
            default -> body.put("name", "x".repeat(100_000));
        }
        return body;
    }

    /** A body that is bad even for a valid USCC. */
    private Map<String, Object> hostileEnterpriseBody() {
        return hostileEnterprise();
    }

    private String hostileUscc() {
        return java.net.URLEncoder.encode(pick(HOSTILE_STRINGS), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20") + (random.nextBoolean() ? "" : "X");
    }

    private String hostileId() {
        return random.nextBoolean() ? java.util.UUID.randomUUID().toString() : "not-a-uuid";
    }

    private String malformedJson() {
        String[] bodies = {"{", "{\"itemCode\": }", "[1,2", "\"just a string\"", "{\"a\":1}}", "nul", "{\"applicationDate\": 2026-06-01}", "\u0000\u0001"};
        return bodies[random.nextInt(bodies.length)];
    }

    private static String deepNesting(int depth) {
        return "{\"name\": " + "[".repeat(depth) + "1" + "]".repeat(depth) + "}";
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("enterprise", "acceptance_decision", "obligation", "credit_event", "grant_offer", "subscription", "matching_run")) {
                try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
