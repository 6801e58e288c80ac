package cn.zhiban.grants;

import cn.zhiban.support.Api;
import cn.zhiban.support.AtOnce;
import cn.zhiban.support.Runs;
import cn.zhiban.support.TestSql;
import cn.zhiban.support.WithTestPolicies;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 免申即享 end to end: runs offer grants once, within budget, and each transition is checked and audited. */
@QuarkusTest
@TestProfile(WithTestPolicies.class)
class GrantsApiTest {
    private static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource dataSource;

    /** Registers {@code n} enterprises in a test suite (attributes.suite), sorted by USCC. */
    static List<String> suite(String suite, int n) {
        List<String> usccs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String uscc = Api.newUscc();
            Map<String, Object> body = Api.enterprise("A", "A");
            body.put("regionCode", "510107");
            body.put("attributes", Map.of("suite", suite));
            Api.putEnterprise(uscc, body).statusCode(201);
            usccs.add(uscc);
        }
        usccs.sort(String::compareTo);
        return usccs;
    }

    static JsonPath runToEnd(String policy, String asOf) {
        String runId = Api.post("/api/v1/policies/" + policy + "/runs", Map.of("asOf", asOf))
                .statusCode(202).body("state", equalTo("RUNNING")).extract().path("id");
        return waitFor(runId);
    }

    static JsonPath waitFor(String runId) {
        return Runs.finished(runId);
    }

    static JsonPath grantOf(String uscc, String policy) {
        List<Map<String, Object>> grants = get("/api/v1/enterprises/{uscc}/grants", uscc).then().statusCode(200).extract().path("findAll { it.policyId == '" + policy + "' }");
        assertEquals(1, grants.size(), "grants of " + uscc + ": " + grants);
        return get("/api/v1/grants/{id}", grants.get(0).get("grantId")).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void budgetCapOffersInUsccOrderAndWaitlistsTheRest() {
        List<String> firms = suite("budget", 4);
        JsonPath run = runToEnd("T-BUDGET-2026", "2026-06-01");
        assertEquals(4, run.getInt("eligible"));
        assertEquals(2, run.getInt("offered"));
        assertEquals(2, run.getInt("waitlisted"));
        assertEquals("OFFERED", grantOf(firms.get(0), "T-BUDGET-2026").getString("state"));
        assertEquals("OFFERED", grantOf(firms.get(1), "T-BUDGET-2026").getString("state"));
        assertEquals(1, grantOf(firms.get(2), "T-BUDGET-2026").getInt("waitlistRank"));
        assertEquals(2, grantOf(firms.get(3), "T-BUDGET-2026").getInt("waitlistRank"));
        assertTrue(committed("T-BUDGET-2026").compareTo(new BigDecimal("250000.00")) <= 0);

        // a decline frees 100,000: the first on the waitlist is offered, the second still waits
        Api.post("/api/v1/grants/" + grantOf(firms.get(0), "T-BUDGET-2026").getString("grantId") + "/decline", Map.of()).statusCode(200)
                .body("state", equalTo("DECLINED"));
        assertEquals("OFFERED", grantOf(firms.get(2), "T-BUDGET-2026").getString("state"));
        assertEquals("WAITLISTED", grantOf(firms.get(3), "T-BUDGET-2026").getString("state"));
        assertEquals(new BigDecimal("200000.00"), committed("T-BUDGET-2026"));
    }

    @Test
    void twoConcurrentRunsCreateEachGrantOnce() throws Exception {
        List<String> firms = suite("concurrent", 6);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() ->
                Api.post("/api/v1/policies/T-CONC-2026/runs", Map.of("asOf", "2026-06-01")).statusCode(202).extract().path("id"));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() ->
                Api.post("/api/v1/policies/T-CONC-2026/runs", Map.of("asOf", "2026-06-01")).statusCode(202).extract().path("id"));
        JsonPath a = waitFor(first.get());
        JsonPath b = waitFor(second.get());
        assertEquals(6, a.getInt("offered") + b.getInt("offered"));
        assertEquals(6, a.getInt("already") + b.getInt("already"));
        for (String uscc : firms) {
            grantOf(uscc, "T-CONC-2026");
        }
        assertEquals(6, count("select count(*) from grant_offer where policy_id = 'T-CONC-2026'"));
        // and a third run later adds nothing
        JsonPath again = runToEnd("T-CONC-2026", "2026-06-02");
        assertEquals(0, again.getInt("offered"));
        assertEquals(6, count("select count(*) from grant_offer where policy_id = 'T-CONC-2026'"));
    }

    @Test
    void confirmThenDisburseEachTransitionChecked() {
        List<String> firms = suite("flow", 3);
        runToEnd("T-FLOW-2026", "2026-06-01");
        JsonPath offered = grantOf(firms.get(0), "T-FLOW-2026");
        String id = offered.getString("grantId");
        assertEquals("2026-06-04", offered.getString("confirmBy"));   // 3 working days
        assertEquals(0, new BigDecimal("8000.00").compareTo(new BigDecimal(offered.getString("amount"))));

        Api.post("/api/v1/grants/" + id + "/disburse", Map.of()).statusCode(409).contentType(PROBLEM);
        Api.post("/api/v1/grants/" + id + "/confirm", Map.of("bankAccount", "12ab")).statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("bankAccount"));
        Api.post("/api/v1/grants/" + id + "/confirm", Map.of("bankAccount", "6222021234567890123", "date", "2026-06-05")).statusCode(409)
                .body("errors[0].field", equalTo("date"));
        Api.post("/api/v1/grants/" + id + "/confirm", Map.of("bankAccount", "6222021234567890123", "date", "2026-06-04")).statusCode(200)
                .body("state", equalTo("CONFIRMED")).body("bankAccount", equalTo("6222021234567890123"));
        Api.post("/api/v1/grants/" + id + "/decline", Map.of()).statusCode(409);
        Api.post("/api/v1/grants/" + id + "/disburse", Map.of()).statusCode(200).body("state", equalTo("DISBURSED"))
                .body("transitions.to", contains("OFFERED", "CONFIRMED", "DISBURSED"));
        Api.post("/api/v1/grants/" + id + "/disburse", Map.of()).statusCode(409);

        String declined = grantOf(firms.get(1), "T-FLOW-2026").getString("grantId");
        Api.post("/api/v1/grants/" + declined + "/decline", Map.of()).statusCode(200).body("state", equalTo("DECLINED"));
        Api.post("/api/v1/grants/" + declined + "/confirm", Map.of("bankAccount", "6222021234567890123", "date", "2026-06-02")).statusCode(409);
        Api.post("/api/v1/grants/" + declined + "/disburse", Map.of()).statusCode(409);

        // not confirmed in time: expired by the sweep
        Api.post("/api/v1/grants/expire", Map.of("date", "2026-06-05")).statusCode(200);
        assertEquals("EXPIRED", grantOf(firms.get(2), "T-FLOW-2026").getString("state"));
        assertEquals("DISBURSED", grantOf(firms.get(0), "T-FLOW-2026").getString("state"));

        // the offer reached the inbox and the SMS outbox
        get("/api/v1/enterprises/{uscc}/inbox", firms.get(2)).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].grantId", notNullValue());
        assertTrue(count("select count(*) from outbox where uscc = '" + firms.get(2) + "'") == 1);
    }

    @Test
    void confirmDeclineAndDisburseRacingOnOneGrantLeaveOneConsistentOutcome() throws Exception {
        List<String> flow = suite("flow", 4);
        runToEnd("T-FLOW-2026", "2026-06-01");
        int raced = 0;
        for (String uscc : flow) {
            JsonPath grant = grantOf(uscc, "T-FLOW-2026");
            // every one of the four is offered (the policy has no budget), so each race below really runs
            assertEquals("OFFERED", grant.getString("state"), grant.prettify());
            raced++;
            String id = grant.getString("grantId");
            // four callers of each kind at once on the same grant
            List<java.util.concurrent.Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> "confirm " + Api.post("/api/v1/grants/" + id + "/confirm", Map.of("bankAccount", "6222021234567890123", "date", "2026-06-02")).extract().statusCode());
                calls.add(() -> "decline " + Api.post("/api/v1/grants/" + id + "/decline", Map.of()).extract().statusCode());
                calls.add(() -> "disburse " + Api.post("/api/v1/grants/" + id + "/disburse", Map.of()).extract().statusCode());
            }
            List<String> outcomes = AtOnce.run(calls);
            assertTrue(outcomes.stream().allMatch(o -> o.endsWith(" 200") || o.endsWith(" 409")), outcomes.toString());
            long confirmed = outcomes.stream().filter("confirm 200"::equals).count();
            long declined = outcomes.stream().filter("decline 200"::equals).count();
            long disbursed = outcomes.stream().filter("disburse 200"::equals).count();
            // exactly one of confirm / decline wins; at most one disbursement, and only after a winning confirm
            assertEquals(1, confirmed + declined, outcomes.toString());
            assertTrue(disbursed <= confirmed, outcomes.toString());
            List<String> expected = declined == 1 ? List.of("OFFERED", "DECLINED")
                    : disbursed == 1 ? List.of("OFFERED", "CONFIRMED", "DISBURSED") : List.of("OFFERED", "CONFIRMED");
            JsonPath after = grantOf(uscc, "T-FLOW-2026");
            assertEquals(expected.get(expected.size() - 1), after.getString("state"));
            assertEquals(expected, after.getList("transitions.to"));
            // the audit chain: each transition once, each starting where the previous ended
            List<String> from = after.getList("transitions.from");
            assertEquals(null, from.get(0));
            assertEquals(expected.subList(0, expected.size() - 1), from.subList(1, from.size()));
        }
        assertEquals(4, raced);
    }

    @Test
    void quickApplyPoliciesOfferNoGrantButTellSubscribers() {
        List<String> firms = suite("quick", 2);
        Api.putEnterprise(firms.get(0), Map.of()).statusCode(422);   // sanity: a PUT needs a body with a name
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("categories", List.of("测试")))
                .put("/api/v1/enterprises/{uscc}/subscriptions", firms.get(0)).then().statusCode(200).body("categories", contains("测试"));
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("categories", List.of("不存在的类别")))
                .put("/api/v1/enterprises/{uscc}/subscriptions", firms.get(1)).then().statusCode(422).body("errors[0].field", equalTo("categories[0]"));
        JsonPath run = runToEnd("T-QUICK-2026", "2026-06-01");
        assertEquals(2, run.getInt("eligible"));
        assertEquals(0, run.getInt("offered"));
        get("/api/v1/enterprises/{uscc}/grants", firms.get(0)).then().body("$", empty());
        String message = get("/api/v1/enterprises/{uscc}/inbox", firms.get(0)).then().body("$", hasSize(1)).extract().path("[0].id");
        get("/api/v1/enterprises/{uscc}/inbox", firms.get(1)).then().body("$", empty());
        Api.post("/api/v1/enterprises/" + firms.get(0) + "/inbox/" + message + "/read", Map.of()).statusCode(200).body("readAt", notNullValue());
        runToEnd("T-QUICK-2026", "2026-06-02");
        get("/api/v1/enterprises/{uscc}/inbox", firms.get(0)).then().body("$", hasSize(1));
        // policies in force in the subscribed category are announced once
        int sent = Api.post("/api/v1/inbox/announcements", Map.of("asOf", "2026-06-01")).statusCode(200).extract().path("messages");
        assertTrue(sent >= 4, "the four test policies are in category 测试: " + sent);
        get("/api/v1/enterprises/{uscc}/inbox", firms.get(0)).then().body("title", org.hamcrest.Matchers.hasItem("新政策:测试政策(flow)"));
        Api.post("/api/v1/inbox/announcements", Map.of("asOf", "2026-06-01")).statusCode(200).body("messages", equalTo(0));
    }

    @Test
    void runsRefuseBadInput() {
        Api.post("/api/v1/policies/NO-SUCH-POLICY/runs", Map.of("asOf", "2026-06-01")).statusCode(404).contentType(PROBLEM);
        Api.post("/api/v1/policies/T-FLOW-2026/runs", Map.of("asOf", "2027-01-04")).statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("asOf"));
        get("/api/v1/runs/{id}", "00000000-0000-0000-0000-000000000000").then().statusCode(404).contentType(PROBLEM);
        Api.post("/api/v1/grants/00000000-0000-0000-0000-000000000000/confirm", Map.of("bankAccount", "6222021234567890123")).statusCode(404);
        Api.post("/api/v1/grants/expire", Map.of()).statusCode(422).body("errors[0].field", equalTo("asOf"));
    }

    private BigDecimal committed(String policy) {
        return ((BigDecimal) TestSql.value(dataSource, "select coalesce(sum(amount), 0) from grant_offer where policy_id = ? "
                + "and state in ('OFFERED', 'CONFIRMED', 'DISBURSED')", policy)).setScale(2);
    }

    private long count(String sql) {
        return TestSql.count(dataSource, sql);
    }
}
