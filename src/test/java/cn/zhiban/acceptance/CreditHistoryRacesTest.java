package cn.zhiban.acceptance;

import cn.zhiban.support.Api;
import cn.zhiban.support.AtOnce;
import cn.zhiban.support.TestSql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decisions, verifications, supplements and deadline sweeps racing on one applicant: whatever the
 * interleaving, none fails, and its credit history says exactly what happened — one overdue event for
 * each case ended by a sweep, one false-pledge event for each revoked case, nothing else, nothing twice.
 */
@QuarkusTest
class CreditHistoryRacesTest {
    private static final String FOOD = "SCJG-SPJY-001";

    @Inject
    AgroalDataSource dataSource;

    /** M06 to be supplied later and the site inspection pledged: a case both a sweep and a verification can end. */
    private static String supplementAndPledge(String uscc, LocalDate date) {
        return Api.decide(FOOD, uscc, date.toString(), List.of("M01", "M02", "M03", "M04", "M05"), List.of(), true)
                .statusCode(201).extract().path("decisionId");
    }

    @Test
    void racingSweepsVerificationsAndDecisionsKeepCreditHistoryExact() throws Exception {
        for (int round = 0; round < 4; round++) {
            String uscc = Api.applicant("A", "A");
            List<String> cases = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                cases.add(supplementAndPledge(uscc, LocalDate.of(2026, 3, 2).plusDays(7L * i)));
            }
            assertEquals(6, TestSql.count(dataSource, """
                    select count(distinct o.decision_id) from obligation o join acceptance_decision d on d.id = o.decision_id
                    where d.applicant_uscc = ? and o.kind = 'SUPPLEMENT'""", uscc), "every case has a supplement due");

            List<Callable<Integer>> racing = new ArrayList<>();
            for (String asOf : List.of("2026-03-20", "2026-04-01", "2026-04-15", "2026-05-06")) {   // sweeps that see different cases
                racing.add(() -> Api.post("/api/v1/obligations/sweep", Map.of("asOf", asOf)).extract().statusCode());
            }
            for (int i = 0; i < cases.size(); i++) {
                String id = cases.get(i);
                String outcome = i % 2 == 0 ? "FALSE" : "TRUE";
                racing.add(() -> Api.post("/api/v1/acceptance/decisions/" + id + "/verifications", Map.of("outcome", outcome, "date", "2026-05-06"))
                        .extract().statusCode());
                racing.add(() -> Api.post("/api/v1/acceptance/decisions/" + id + "/supplements", Map.of("materials", List.of("M06"), "date", "2026-05-06"))
                        .extract().statusCode());
            }
            for (int i = 0; i < 4; i++) {
                racing.add(() -> Api.decide(FOOD, uscc, "2026-05-06", List.of("M01", "M02", "M04", "M05", "M06"), List.of("M03"), false)
                        .extract().statusCode());
            }
            List<Integer> statuses = AtOnce.run(racing);
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 201 || s == 409), "round " + round + ": " + statuses);
            assertHistoryExact(uscc);
            // what was raced happened: each case verified FALSE ended, revoked by its verification or terminated
            // by a sweep that came first (so the history above has events to be exact about)
            for (int i = 0; i < cases.size(); i += 2) {
                String status = (String) TestSql.value(dataSource, "select status from acceptance_decision where id = ?::uuid", cases.get(i));
                assertTrue(Set.of("REVOKED", "TERMINATED").contains(status), "round " + round + ", case " + i + " verified FALSE is " + status);
            }
            assertTrue(TestSql.count(dataSource, "select count(*) from credit_event where uscc = ?", uscc) >= 3,
                    "round " + round + ": every ended case leaves a credit event");
        }
    }

    /** Each case's status, obligations and credit events agree: one event per ended case, of the right kind. */
    private void assertHistoryExact(String uscc) {
        List<Map<String, Object>> cases = TestSql.rows(dataSource, """
                select d.id::text as id, d.status,
                       (select count(*) from obligation o where o.decision_id = d.id and o.state = 'OVERDUE') as overdue,
                       (select count(*) from obligation o where o.decision_id = d.id and o.state = 'VERIFIED_FALSE') as false_pledges,
                       (select count(*) from obligation o where o.decision_id = d.id and o.state = 'PENDING') as pending,
                       (select count(*) from credit_event e where e.decision_id = d.id and e.kind = 'OVERDUE_SUPPLEMENT') as overdue_events,
                       (select count(*) from credit_event e where e.decision_id = d.id and e.kind = 'FALSE_PLEDGE') as false_pledge_events
                from acceptance_decision d where d.applicant_uscc = ?""", uscc);
        for (Map<String, Object> c : cases) {
            String status = (String) c.get("status");
            long overdue = ((Number) c.get("overdue")).longValue();
            long falsePledges = ((Number) c.get("false_pledges")).longValue();
            assertEquals("TERMINATED".equals(status) ? 1L : 0L, ((Number) c.get("overdue_events")).longValue(), c.toString());
            assertEquals("REVOKED".equals(status) ? 1L : 0L, ((Number) c.get("false_pledge_events")).longValue(), c.toString());
            assertEquals("TERMINATED".equals(status), overdue > 0, c.toString());
            assertEquals("REVOKED".equals(status), falsePledges > 0, c.toString());
            if (!"ACCEPTED".equals(status)) {
                assertEquals(0L, ((Number) c.get("pending")).longValue(), "an ended case keeps nothing pending: " + c);
            }
        }
        assertEquals(0, TestSql.count(dataSource, "select count(*) from credit_event e join acceptance_decision d on d.id = e.decision_id "
                + "where e.uscc = ? and d.applicant_uscc <> e.uscc", uscc));
    }
}
