package cn.zhiban.grants;

import cn.zhiban.support.Api;
import cn.zhiban.support.AtOnce;
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
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Money under concurrency: four runs of one budgeted policy at once, then declines, confirmations,
 * disbursements and expiry sweeps racing over its grants. The database's constraints and locks must
 * leave no duplicate grant, no budget overrun, no freed money left unoffered, and an audit chain
 * per grant with every transition exactly once.
 */
@QuarkusTest
@TestProfile(WithTestPolicies.class)
class GrantRacesTest {
    private static final String POLICY = "T-RACE-2026";   // budget 50,000; 3,000 each: room for 16
    private static final BigDecimal BUDGET = new BigDecimal("50000.00");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void fourRunsAtOnceThenRacingTransitionsKeepEveryGrantOnceWithinBudget() throws Exception {
        List<String> firms = GrantsApiTest.suite("race", 40);

        List<String> runIds = AtOnce.run(List.<Callable<String>>of(
                () -> startRun(), () -> startRun(), () -> startRun(), () -> startRun()));
        List<JsonPath> runs = runIds.stream().map(GrantsApiTest::waitFor).toList();
        assertEquals(16, runs.stream().mapToInt(r -> r.getInt("offered")).sum());
        assertEquals(24, runs.stream().mapToInt(r -> r.getInt("waitlisted")).sum());
        assertEquals(3 * 40, runs.stream().mapToInt(r -> r.getInt("already")).sum());
        assertEquals(40, TestSql.count(dataSource, "select count(*) from grant_offer where policy_id = ?", POLICY));
        // offered in USCC order while the budget lasts, the rest waitlisted 1..24 in the same order
        assertEquals(firms.subList(0, 16), usccs("OFFERED"));
        assertEquals(firms.subList(16, 40), usccs("WAITLISTED"));
        assertEquals(List.of(firms.subList(16, 40).size()), List.of(TestSql.rows(dataSource,
                "select distinct waitlist_rank from grant_offer where policy_id = ? and state = 'WAITLISTED'", POLICY).size()));
        assertEquals(16, TestSql.count(dataSource, "select count(*) from outbox o join grant_offer g on g.uscc = o.uscc where g.policy_id = ?", POLICY));
        assertInvariants();

        // Races over the offered grants: 8 declines (each frees money for the waitlist) against confirmations,
        // disbursements and two expiry sweeps of the same grants.
        List<String> offered = grantIds("OFFERED");
        List<Callable<Integer>> races = new ArrayList<>();
        for (int i = 0; i < offered.size(); i++) {
            String id = offered.get(i);
            if (i % 2 == 0) {
                races.add(() -> Api.post("/api/v1/grants/" + id + "/decline", Map.of()).extract().statusCode());
            }
            races.add(() -> Api.post("/api/v1/grants/" + id + "/confirm", Map.of("bankAccount", "6222021234567890123", "date", "2026-06-02"))
                    .extract().statusCode());
            races.add(() -> Api.post("/api/v1/grants/" + id + "/disburse", Map.of()).extract().statusCode());
        }
        races.add(() -> Api.post("/api/v1/grants/expire", Map.of("date", "2026-06-30")).extract().statusCode());
        races.add(() -> Api.post("/api/v1/grants/expire", Map.of("date", "2026-06-30")).extract().statusCode());
        List<Integer> statuses = AtOnce.run(races);
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), "only successes and refusals: " + statuses);
        assertInvariants();
    }

    private static String startRun() {
        return Api.post("/api/v1/policies/" + POLICY + "/runs", Map.of("asOf", "2026-06-01")).statusCode(202).extract().path("id");
    }

    private List<String> usccs(String state) {
        return TestSql.rows(dataSource, "select uscc from grant_offer where policy_id = ? and state = ? order by uscc", POLICY, state)
                .stream().map(r -> (String) r.get("uscc")).toList();
    }

    private List<String> grantIds(String state) {
        return TestSql.rows(dataSource, "select id from grant_offer where policy_id = ? and state = ? order by uscc", POLICY, state)
                .stream().map(r -> r.get("id").toString()).toList();
    }

    /** No duplicate, within budget, no money left idle while a waitlisted grant fits, and a consistent audit chain per grant. */
    private void assertInvariants() {
        assertEquals(0, TestSql.count(dataSource, "select count(*) from (select 1 from grant_offer where policy_id = ? "
                + "group by policy_id, uscc, period having count(*) > 1) d", POLICY));
        BigDecimal committed = (BigDecimal) TestSql.value(dataSource, "select coalesce(sum(amount), 0) from grant_offer "
                + "where policy_id = ? and state in ('OFFERED', 'CONFIRMED', 'DISBURSED')", POLICY);
        assertTrue(committed.compareTo(BUDGET) <= 0, "committed " + committed + " > budget " + BUDGET);
        BigDecimal smallestWaiting = (BigDecimal) TestSql.value(dataSource,
                "select min(amount) from grant_offer where policy_id = ? and state = 'WAITLISTED'", POLICY);
        assertTrue(smallestWaiting == null || committed.add(smallestWaiting).compareTo(BUDGET) > 0,
                "freed money not offered: committed " + committed + ", a waitlisted grant of " + smallestWaiting + " fits");

        Map<String, List<Map<String, Object>>> events = TestSql.rows(dataSource, """
                        select g.id::text as grant_id, g.state, e.from_state, e.to_state from grant_offer g join grant_event e on e.grant_id = g.id
                        where g.policy_id = ? order by e.id""", POLICY).stream()
                .collect(Collectors.groupingBy(r -> (String) r.get("grant_id")));
        assertEquals(40, events.size(), "every grant has its creation event");
        events.forEach((grant, chain) -> {
            assertEquals(null, chain.get(0).get("from_state"), grant + ": " + chain);
            for (int i = 1; i < chain.size(); i++) {
                assertEquals(chain.get(i - 1).get("to_state"), chain.get(i).get("from_state"), grant + ": " + chain);
            }
            assertEquals(chain.get(0).get("state"), chain.get(chain.size() - 1).get("to_state"), grant + ": " + chain);
        });
    }
}
