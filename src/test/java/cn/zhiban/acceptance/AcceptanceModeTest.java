package cn.zhiban.acceptance;

import cn.zhiban.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Each mode, each material and inspection treatment, and working-day deadlines, through the API. */
@QuarkusTest
class AcceptanceModeTest {
    private static final String FOOD = "SCJG-SPJY-001";        // MEDIUM; conditional, material pledge, site pledge
    private static final String HYGIENE = "WJ-GGCS-002";       // LOW; all four reliefs
    private static final String CHEMICALS = "YJ-WHJY-001";     // HIGH; lists conditional and material pledge
    private static final String PLANNING = "ZRZY-JSGH-001";    // promised 2 days, supplement 3 days
    private static final List<String> FOOD_ALL = List.of("M01", "M02", "M03", "M04", "M05", "M06");

    @Test
    void standardWhenCompleteAndNoReliefApplies() {
        Api.decide(FOOD, Api.applicant("A", "A"), "2026-06-01", FOOD_ALL, List.of(), false)
                .statusCode(201)
                .body("mode", equalTo("STANDARD"))
                .body("appliedModes", empty())
                .body("materials.treatment", everyItem(equalTo("SUBMITTED")))
                .body("siteInspection.treatment", equalTo("REQUIRED_BEFORE_APPROVAL"))
                .body("rulesetVersion", startsWith("acceptance@"))
                .body("decisionId", notNullValue());
    }

    @Test
    void inspectionNotRequiredForAnItemWithoutOne() {
        Api.decide(PLANNING, Api.applicant("A", "A"), "2026-06-01", List.of("M01", "M02", "M03", "M04"), List.of(), true)
                .statusCode(201)
                .body("mode", equalTo("STANDARD"))
                .body("siteInspection.treatment", equalTo("NOT_REQUIRED"));
    }

    @Test
    void notAcceptedListsEveryBlockingMaterialAtOnce() {
        Api.decide(FOOD, Api.applicant("A", "A"), "2026-06-01", List.of("M01"), List.of(), false)
                .statusCode(201)
                .body("mode", equalTo("NOT_ACCEPTED"))
                .body("appliedModes", empty())
                .body("materials.findAll { it.treatment == 'BLOCKING' }.code", contains("M02", "M03"))
                .body("materials.findAll { it.treatment == 'SUPPLEMENT_LATER' }.code", contains("M04", "M05", "M06"))
                // nothing is accepted, so nothing is due
                .body("materials.dueDate", everyItem(nullValue()))
                .body("reasons.findAll { it.outcome == 'BLOCKING' }.subject", containsInAnyOrder("M02", "M03"))
                .body("reasons.find { it.subject == 'M02' }.ruleId", equalTo("ACC-MAT-03"));
    }

    @Test
    void allFourReliefsInOneApplicationSiteInspectionPledgeWins() {
        Api.decide(FOOD, Api.applicant("A", "B"), "2026-06-01", List.of("M01", "M02", "M04"), List.of("M03"), true)
                .statusCode(201)
                .body("mode", equalTo("SITE_INSPECTION_PLEDGE"))
                .body("appliedModes", containsInAnyOrder("SITE_INSPECTION_PLEDGE", "MATERIAL_PLEDGE", "CONDITIONAL_ACCEPTANCE"))
                .body("materials.find { it.code == 'M03' }.treatment", equalTo("PLEDGED"))
                .body("materials.find { it.code == 'M03' }.dueDate", equalTo("2026-06-30"))   // 20 verification days
                .body("materials.find { it.code == 'M05' }.treatment", equalTo("SUPPLEMENT_LATER"))
                .body("materials.find { it.code == 'M05' }.dueDate", equalTo("2026-06-08"))   // 5 supplement days
                .body("siteInspection.treatment", equalTo("PLEDGED"))
                .body("siteInspection.dueDate", equalTo("2026-07-14"))                        // 30 inspection days
                .body("reasons.findAll { it.outcome == 'GRANTED' }.subject",
                        containsInAnyOrder("SITE_INSPECTION_PLEDGE", "MATERIAL_PLEDGE", "CONDITIONAL_ACCEPTANCE"));
    }

    @Test
    void materialPledgeAloneIsMaterialPledgeMode() {
        Api.decide(FOOD, Api.applicant("A", "A"), "2026-11-23", List.of("M01", "M02", "M04", "M05", "M06"), List.of("M03"), false)
                .statusCode(201)
                .body("mode", equalTo("MATERIAL_PLEDGE"))
                .body("appliedModes", contains("MATERIAL_PLEDGE"))
                .body("materials.find { it.code == 'M03' }.dueDate", equalTo("2026-12-21"));
    }

    @Test
    void aPledgeOfANonPledgeableMaterialIsRefusedWithItsReason() {
        Api.decide(FOOD, Api.applicant("A", "A"), "2026-06-01", List.of("M01", "M03", "M04", "M05", "M06"), List.of("M02"), false)
                .statusCode(201)
                .body("mode", equalTo("NOT_ACCEPTED"))
                .body("materials.find { it.code == 'M02' }.treatment", equalTo("BLOCKING"))
                .body("reasons.find { it.ruleId == 'ACC-MAT-02' }.subject", equalTo("M02"));
    }

    @Test
    void noPledgeForHighRiskItemsEvenIfTheCatalogueListsIt() {
        Api.decide(CHEMICALS, Api.applicant("A", "A"), "2026-06-01", List.of("M01", "M03", "M04", "M05"), List.of("M02"), false)
                .statusCode(201)
                .body("mode", equalTo("NOT_ACCEPTED"))
                .body("materials.find { it.code == 'M02' }.treatment", equalTo("BLOCKING"))
                .body("reasons.findAll { it.outcome == 'REFUSED' }.ruleId", hasItem("ACC-RISK-02"));
    }

    @Test
    void conditionalAcceptanceStillAppliesToHighRiskItems() {
        Api.decide(CHEMICALS, Api.applicant("A", "A"), "2026-06-01", List.of("M01", "M02", "M03", "M05"), List.of(), false)
                .statusCode(201)
                .body("mode", equalTo("CONDITIONAL_ACCEPTANCE"))
                .body("materials.find { it.code == 'M04' }.treatment", equalTo("SUPPLEMENT_LATER"))
                .body("siteInspection.treatment", equalTo("REQUIRED_BEFORE_APPROVAL"));
    }

    @Test
    void reliefNotListedForTheItemIsRefused() {
        // the planning permit lists conditional acceptance only; a pledge of M03 is refused
        Api.decide(PLANNING, Api.applicant("A", "A"), "2026-06-01", List.of("M01", "M02", "M04"), List.of("M03"), false)
                .statusCode(201)
                .body("mode", equalTo("NOT_ACCEPTED"))
                .body("reasons.findAll { it.outcome == 'REFUSED' }.ruleId", hasItem("ACC-ITEM-01"));
    }

    @Test
    void approvalWaiverForBandALowRiskCompleteApplication() {
        Api.decide(HYGIENE, Api.applicant("A", "A"), "2026-06-01", List.of("M01", "M02", "M03", "M04"), List.of(), false)
                .statusCode(201)
                .body("mode", equalTo("APPROVAL_WAIVER"))
                .body("appliedModes", contains("APPROVAL_WAIVER"));
    }

    @Test
    void supplementDeadlineSkipsHolidays() {
        // 2026-09-24 + 5 working days: 中秋 Sep 25–27 and 国庆 Oct 1–7 are off → Oct 9
        Api.decide(FOOD, Api.applicant("A", "A"), "2026-09-24", List.of("M01", "M02", "M03", "M04", "M05"), List.of(), false)
                .statusCode(201)
                .body("mode", equalTo("CONDITIONAL_ACCEPTANCE"))
                .body("materials.find { it.code == 'M06' }.dueDate", equalTo("2026-10-09"));
    }

    @Test
    void supplementDeadlineCountsAMakeUpWorkingDay() {
        // 2026-09-30 + 5: Oct 8, Oct 9, Oct 10 (Saturday, worked), Oct 12, Oct 13
        Api.decide(FOOD, Api.applicant("A", "A"), "2026-09-30", List.of("M01", "M02", "M03", "M04", "M05"), List.of(), false)
                .statusCode(201)
                .body("materials.find { it.code == 'M06' }.dueDate", equalTo("2026-10-13"));
    }

    @Test
    void supplementDeadlineNeverBeyondThePromisedTimeLimit() {
        // supplement 3 days, promised 2 days → 2 working days
        Api.decide(PLANNING, Api.applicant("A", "A"), "2026-06-01", List.of("M01", "M02", "M03"), List.of(), false)
                .statusCode(201)
                .body("mode", equalTo("CONDITIONAL_ACCEPTANCE"))
                .body("materials.find { it.code == 'M04' }.dueDate", equalTo("2026-06-03"));
    }

    @Test
    void theStoredDecisionHasItsInputAndObligations() {
        String id = Api.decide(FOOD, Api.applicant("A", "B"), "2026-06-01", List.of("M01", "M02", "M04"), List.of("M03"), true)
                .statusCode(201).extract().path("decisionId");
        io.restassured.RestAssured.get("/api/v1/acceptance/decisions/{id}", id).then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("input.pledgedMaterials", contains("M03"))
                .body("answer.mode", equalTo("SITE_INSPECTION_PLEDGE"))
                .body("obligations.kind", containsInAnyOrder("MATERIAL_PLEDGE", "SUPPLEMENT", "SUPPLEMENT", "SITE_INSPECTION"))
                .body("obligations.state", everyItem(equalTo("PENDING")));
    }
}
