package cn.zhiban.grants;

import cn.zhiban.enterprise.Enterprise;
import cn.zhiban.matching.MatchResult;
import cn.zhiban.matching.Matcher;
import cn.zhiban.matching.Policies;
import cn.zhiban.matching.Subjects;
import cn.zhiban.support.Api;
import cn.zhiban.support.Runs;
import cn.zhiban.support.WithTestPolicies;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch engine against the single-enterprise matcher, and an interrupted run against an uninterrupted one,
 * over 1,200 stored enterprises in chunks of 50 (test profile), with a budget that runs out.
 */
@QuarkusTest
@TestProfile(WithTestPolicies.class)
class MatchingRunsTest {
    private static final String POLICY = "T-SCALE-2026";
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Policies policies;
    @Inject
    MatchingRuns runs;

    @Test
    void runsGrantWhatSingleMatchingFindsAndAResumedRunEqualsAnUninterruptedOne() throws Exception {
        importSuite(1_200);

        Map<String, String> uninterrupted = finish(start());
        List<String> offered = uninterrupted.values().stream().filter(g -> g.contains("OFFERED")).toList();
        assertTrue(offered.size() > 100 && uninterrupted.values().stream().anyMatch(g -> g.contains("WAITLISTED")),
                "the budget must run out part-way: " + offered.size() + " offered of " + uninterrupted.size());

        // Single-enterprise matching (the explaining form) of every stored enterprise finds the same enterprises, amounts and lines.
        List<Matcher.Subject> subjects = QuarkusTransaction.requiringNew().call(() ->
                Enterprise.<Enterprise>listAll().stream().map(Subjects::of).toList());
        Map<String, String> single = new TreeMap<>();
        Matcher.match(policies.active(), subjects, AS_OF, POLICY).forEach((uscc, result) -> result.eligible()
                .forEach(e -> single.put(uscc, e.amount() + " " + e.breakdown().stream().map(line -> plain(line.amount())).toList())));
        Map<String, String> granted = new TreeMap<>();
        uninterrupted.forEach((uscc, grant) -> granted.put(uscc, grant.substring(0, grant.indexOf(" |"))));
        assertEquals(single, granted);

        // The same run again, interrupted: paused after its first chunk, then left RUNNING as a crash would leave it.
        deleteGrants();
        String runId = start();
        given().post("/api/v1/runs/{id}/pause", runId).then().statusCode(200);
        JsonPath paused = waitWhile(runId, "RUNNING");
        assertEquals("PAUSED", paused.getString("state"));
        assertTrue(paused.getInt("done") > 0 && paused.getInt("done") < paused.getInt("total"), paused.prettify());
        given().post("/api/v1/runs/{id}/pause", runId).then().statusCode(409);
        execute("update matching_run set state = 'RUNNING' where id = '" + runId + "'");
        assertEquals(1, runs.resumeInterrupted());
        assertEquals(uninterrupted, finish(runId));
    }

    private void importSuite(int n) throws java.io.IOException {
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("uscc", Api.newUscc());
            row.put("name", "批量测试企业");
            row.put("regionCode", "510107");
            row.put("attributes", Map.of("suite", "scale"));
            row.put("insuredEmployees", random.nextInt(12) == 0 ? null : random.nextInt(0, 80));
            row.put("revenue", random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextLong(0, 3_000_000_000L), 2));
            if (random.nextInt(15) == 0) {
                row.put("listings", List.of(Map.of("list", "DISHONEST_DEBTOR", "since", "2025-01-01")));
            }
            ndjson.append(JSON.writeValueAsString(row)).append('\n');
        }
        given().contentType("application/x-ndjson").body(ndjson.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/enterprise-imports").then().statusCode(200).body("imported", equalTo(n));
    }

    private static String start() {
        return Api.post("/api/v1/policies/" + POLICY + "/runs", Map.of("asOf", AS_OF.toString())).statusCode(202).extract().path("id");
    }

    private Map<String, String> finish(String runId) throws Exception {
        JsonPath run = waitWhile(runId, "RUNNING");
        assertEquals("DONE", run.getString("state"), run.prettify());
        assertEquals(run.getInt("total"), run.getInt("done"));
        return grants();
    }

    private static JsonPath waitWhile(String runId, String state) {
        return Runs.until(runId, "no longer " + state, run -> !state.equals(run.getString("state")));
    }

    /** Every grant of the policy: amount, line amounts | state, waitlist rank, events. */
    private Map<String, String> grants() throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                select g.uscc, g.amount, g.breakdown, g.state, g.waitlist_rank, (select count(*) from grant_event e where e.grant_id = g.id)
                from grant_offer g where g.policy_id = '""" + POLICY + "'")) {
            while (r.next()) {
                List<String> lines = new java.util.ArrayList<>();
                JSON.readTree(r.getString(3)).forEach(line -> lines.add(plain(line.get("amount").decimalValue())));
                out.put(r.getString(1), r.getBigDecimal(2) + " " + lines + " | " + r.getString(4) + " " + r.getObject(5) + " " + r.getLong(6));
            }
        }
        return out;
    }

    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    private void deleteGrants() throws SQLException {
        execute("delete from inbox_message where policy_id = '" + POLICY + "'");
        execute("delete from grant_event where grant_id in (select id from grant_offer where policy_id = '" + POLICY + "')");
        execute("delete from grant_offer where policy_id = '" + POLICY + "'");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
