package cn.zhiban.acceptance;

import cn.zhiban.support.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every refused request is a 4xx problem+json naming the field and the reason, and writes nothing. */
@QuarkusTest
class BadInputTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String FOOD = "SCJG-SPJY-001";

    @Inject
    AgroalDataSource dataSource;
    private long decisionsBefore;
    private String uscc;

    @BeforeEach
    void countDecisions() throws SQLException {
        uscc = Api.applicant("A", "A");
        decisionsBefore = count("select count(*) from acceptance_decision");
    }

    @AfterEach
    void nothingWasWritten() throws SQLException {
        assertEquals(decisionsBefore, count("select count(*) from acceptance_decision"), "a refused request wrote a decision");
        assertEquals(0, count("select count(*) from obligation o where not exists (select 1 from acceptance_decision d where d.id = o.decision_id)"));
    }

    @Test
    void unknownItemIs404() {
        Api.decide("XX-NOPE-999", uscc, "2026-06-01", List.of("M01"), List.of(), false)
                .statusCode(404).contentType(PROBLEM).body("errors[0].field", equalTo("itemCode"));
    }

    @Test
    void invalidUsccNamesTheFieldAndTheCheckCharacter() {
        String wrongCheck = uscc.substring(0, 17) + (uscc.charAt(17) == '0' ? '1' : '0');
        Api.decide(FOOD, wrongCheck, "2026-06-01", List.of("M01"), List.of(), false)
                .statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("applicantUscc"))
                .body("errors[0].reason", containsString("校验位"));
        Api.decide(FOOD, uscc.toLowerCase(), "2026-06-01", List.of("M01"), List.of(), false)
                .statusCode(422).body("errors[0].field", equalTo("applicantUscc"));
    }

    @Test
    void unregisteredApplicantIs404() {
        Api.decide(FOOD, Api.newUscc(), "2026-06-01", List.of("M01"), List.of(), false)
                .statusCode(404).contentType(PROBLEM).body("errors[0].field", equalTo("applicantUscc"));
    }

    @Test
    void unknownMaterialCode() {
        Api.decide(FOOD, uscc, "2026-06-01", List.of("M01", "M99"), List.of(), false)
                .statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("submittedMaterials[1]"))
                .body("errors[0].reason", containsString("M99"));
    }

    @Test
    void materialBothSubmittedAndPledged() {
        Api.decide(FOOD, uscc, "2026-06-01", List.of("M01", "M03"), List.of("M03"), false)
                .statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("pledgedMaterials[0]"));
    }

    @Test
    void applicationDateInAYearWithNoCalendar() {
        Api.decide(FOOD, uscc, "2024-06-03", List.of("M01"), List.of(), false)
                .statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("applicationDate"))
                .body("errors[0].reason", containsString("2024"));
    }

    @Test
    void deadlineRunningIntoAYearWithNoCalendar() {
        // 2026-12-28 + 20 verification days runs into 2027, whose calendar is not published here
        Api.decide(FOOD, uscc, "2026-12-28", List.of("M01", "M02", "M04", "M05", "M06"), List.of("M03"), false)
                .statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("applicationDate"))
                .body("errors[0].reason", containsString("2027"));
    }

    @Test
    void everyFieldErrorIsListedAtOnce() {
        Api.decide(Map.of("submittedMaterials", List.of()))
                .statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItem("itemCode"))
                .body("errors.field", hasItem("applicantUscc"))
                .body("errors.field", hasItem("applicationDate"));
    }

    @Test
    void malformedJsonIs400() {
        given().contentType(ContentType.JSON).body("{\"itemCode\": ").post("/api/v1/acceptance/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
    }

    @Test
    void wrongTypeNamesTheField() {
        Map<String, Object> body = Api.application(FOOD, uscc, "23/11/2026", List.of("M01"), List.of(), false);
        Api.decide(body).statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("applicationDate"));
        body = Api.application(FOOD, uscc, "2026-06-01", List.of("M01"), List.of(), false);
        body.put("pledgeSiteInspection", "maybe");
        Api.decide(body).statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("pledgeSiteInspection"));
    }

    @Test
    void unknownFieldIsRefused() {
        Map<String, Object> body = Api.application(FOOD, uscc, "2026-06-01", List.of("M01"), List.of(), false);
        body.put("mode", "APPROVAL_WAIVER");
        Api.decide(body).statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("mode"));
    }

    @Test
    void unknownDecisionIs404() {
        given().get("/api/v1/acceptance/decisions/{id}", "00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType(PROBLEM);
        given().get("/api/v1/acceptance/decisions/{id}", "not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void badObligationRequests() {
        Api.post("/api/v1/obligations/sweep", Map.of()).statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("asOf"));
        Api.post("/api/v1/acceptance/decisions/00000000-0000-0000-0000-000000000000/verifications", Map.of("outcome", "TRUE", "date", "2026-06-01"))
                .statusCode(404).contentType(PROBLEM);
        Api.post("/api/v1/acceptance/decisions/00000000-0000-0000-0000-000000000000/verifications", Map.of("outcome", "MAYBE", "date", "2026-06-01"))
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("outcome"));
    }

    @Test
    void unknownPathIsProblemJson() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
