package cn.zhiban.acceptance;

import cn.zhiban.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Supplements, verifications and the sweep write credit history that the next decision reads. */
@QuarkusTest
class ObligationLoopTest {
    private static final String FOOD = "SCJG-SPJY-001";
    private static final List<String> FOOD_ALL = List.of("M01", "M02", "M03", "M04", "M05", "M06");

    private static String pledgeDecision(String uscc, String date) {
        return Api.decide(FOOD, uscc, date, List.of("M01", "M02", "M04", "M05", "M06"), List.of("M03"), false)
                .statusCode(201).body("mode", equalTo("MATERIAL_PLEDGE")).extract().path("decisionId");
    }

    private static String conditionalDecision(String uscc, String date) {
        return Api.decide(FOOD, uscc, date, List.of("M01", "M02", "M03", "M04", "M05"), List.of(), false)
                .statusCode(201).body("mode", equalTo("CONDITIONAL_ACCEPTANCE")).extract().path("decisionId");
    }

    @Test
    void falsePledgeMakesTheNextDecisionBandDUntilCreditIsRepaired() {
        String uscc = Api.applicant("A", "B");
        String first = pledgeDecision(uscc, "2026-03-02");

        Api.post("/api/v1/acceptance/decisions/" + first + "/verifications", Map.of("outcome", "FALSE", "date", "2026-03-20"))
                .statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("obligations.find { it.kind == 'MATERIAL_PLEDGE' }.state", equalTo("VERIFIED_FALSE"));
        get("/api/v1/enterprises/{uscc}", uscc).then().statusCode(200)
                .body("history.kind", contains("FALSE_PLEDGE"))
                .body("history[0].date", equalTo("2026-03-20"))
                .body("history[0].decisionId", equalTo(first));

        // the next decision: band D, no pledge, and it says why
        Api.decide(FOOD, uscc, "2026-04-01", List.of("M01", "M02", "M04", "M05", "M06"), List.of("M03"), false)
                .statusCode(201)
                .body("creditBand", equalTo("D"))
                .body("creditFindings.ruleId", hasItem("ACC-CREDIT-FALSE-PLEDGE"))
                .body("mode", equalTo("NOT_ACCEPTED"))
                .body("reasons.findAll { it.outcome == 'REFUSED' }.ruleId", hasItem("ACC-BAND-D-MATERIAL"));

        // a repair dated before the false pledge does not count
        Map<String, Object> profile = Api.enterprise("A", "B");
        profile.put("creditRepairedOn", "2026-03-10");
        Api.putEnterprise(uscc, profile).statusCode(200);
        Api.decide(FOOD, uscc, "2026-04-01", FOOD_ALL, List.of(), false).statusCode(201).body("creditBand", equalTo("D"));

        // repaired after it: back to the grades' band, and the history is kept
        profile.put("creditRepairedOn", "2026-04-10");
        Api.putEnterprise(uscc, profile).statusCode(200).body("history.kind", contains("FALSE_PLEDGE"));
        pledgeDecision(uscc, "2026-04-13");
        Api.decide(FOOD, uscc, "2026-04-13", FOOD_ALL, List.of(), false).statusCode(201)
                .body("creditBand", equalTo("B"))
                .body("creditFindings.ruleId", not(hasItem("ACC-CREDIT-FALSE-PLEDGE")));
    }

    @Test
    void truthfulVerificationClosesThePledges() {
        String id = Api.decide(FOOD, Api.applicant("A", "A"), "2026-06-01", List.of("M01", "M02", "M04", "M05", "M06"), List.of("M03"), true)
                .statusCode(201).extract().path("decisionId");
        Api.post("/api/v1/acceptance/decisions/" + id + "/verifications", Map.of("outcome", "TRUE", "date", "2026-06-15"))
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("obligations.state", everyItem(equalTo("VERIFIED_TRUE")))
                .body("obligations.resolvedOn", everyItem(equalTo("2026-06-15")));
        // nothing left to verify
        Api.post("/api/v1/acceptance/decisions/" + id + "/verifications", Map.of("outcome", "TRUE", "date", "2026-06-16"))
                .statusCode(409).contentType("application/problem+json");
    }

    @Test
    void supplementReceivedInTimeIsFulfilledAndSweepLeavesItAlone() {
        String uscc = Api.applicant("A", "A");
        String id = conditionalDecision(uscc, "2026-06-01");   // M06 due 2026-06-08
        Api.post("/api/v1/acceptance/decisions/" + id + "/supplements", Map.of("materials", List.of("M06"), "date", "2026-06-08"))
                .statusCode(200)
                .body("obligations.find { it.materialCode == 'M06' }.state", equalTo("FULFILLED"));
        Api.post("/api/v1/obligations/sweep", Map.of("asOf", "2026-07-01")).statusCode(200);
        get("/api/v1/acceptance/decisions/{id}", id).then().body("status", equalTo("ACCEPTED"));
        get("/api/v1/enterprises/{uscc}", uscc).then().body("history", empty());
    }

    @Test
    void lateSupplementIsRefusedAndTheSweepEndsTheCase() {
        String uscc = Api.applicant("A", "A");
        String id = conditionalDecision(uscc, "2026-06-01");   // M06 due 2026-06-08
        Api.post("/api/v1/acceptance/decisions/" + id + "/supplements", Map.of("materials", List.of("M06"), "date", "2026-06-09"))
                .statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("materials[0]"));

        Api.post("/api/v1/obligations/sweep", Map.of("asOf", "2026-06-09"))
                .statusCode(200)
                .body("decisionsTerminated", hasItem(id));
        get("/api/v1/acceptance/decisions/{id}", id).then()
                .body("status", equalTo("TERMINATED"))
                .body("obligations.find { it.materialCode == 'M06' }.state", equalTo("OVERDUE"));
        get("/api/v1/enterprises/{uscc}", uscc).then()
                .body("history.kind", contains("OVERDUE_SUPPLEMENT"))
                .body("history[0].date", equalTo("2026-06-09"));

        // a second sweep adds nothing
        Api.post("/api/v1/obligations/sweep", Map.of("asOf", "2026-06-20")).statusCode(200)
                .body("decisionsTerminated", not(hasItem(id)));
        get("/api/v1/enterprises/{uscc}", uscc).then().body("history.size()", equalTo(1));
    }

    @Test
    void twoOverdueSupplementsInTwelveMonthsExcludeConditionalAcceptance() {
        String uscc = Api.applicant("A", "A");
        conditionalDecision(uscc, "2026-03-02");
        Api.post("/api/v1/obligations/sweep", Map.of("asOf", "2026-04-01")).statusCode(200);
        // one overdue supplement is not enough
        conditionalDecision(uscc, "2026-04-01");
        Api.post("/api/v1/obligations/sweep", Map.of("asOf", "2026-05-06")).statusCode(200);
        get("/api/v1/enterprises/{uscc}", uscc).then().body("history.kind", contains("OVERDUE_SUPPLEMENT", "OVERDUE_SUPPLEMENT"));

        Api.decide(FOOD, uscc, "2026-05-06", List.of("M01", "M02", "M03", "M04", "M05"), List.of(), false)
                .statusCode(201)
                .body("creditBand", equalTo("A"))
                .body("mode", equalTo("NOT_ACCEPTED"))
                .body("materials.find { it.code == 'M06' }.treatment", equalTo("BLOCKING"))
                .body("reasons.findAll { it.outcome == 'REFUSED' }.ruleId", hasItem("ACC-OVERDUE-01"));
    }
}
