package cn.zhiban.acceptance;

import cn.zhiban.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** How each credit fact maps to a band and the worst one wins (credit-bands.drl.csv and credit.drl). */
@QuarkusTest
class CreditBandTest {
    private static final List<String> ALL = List.of("M01", "M02", "M03", "M04", "M05", "M06");

    private static String bandOf(String uscc) {
        return Api.decide("SCJG-SPJY-001", uscc, "2026-06-01", ALL, List.of(), false)
                .statusCode(201).extract().path("creditBand");
    }

    @ParameterizedTest(name = "tax {0} with public A → band {1}")
    @CsvSource({"A,A", "B,A", "M,B", "C,C", "D,D"})
    void taxGrades(String tax, String band) {
        String uscc = Api.applicant(tax, "A");
        Api.decide("SCJG-SPJY-001", uscc, "2026-06-01", ALL, List.of(), false)
                .statusCode(201)
                .body("creditBand", equalTo(band))
                .body("creditFindings.find { it.subject == 'TAX' }.ruleId", equalTo("ACC-CREDIT-TAX-" + tax));
    }

    @ParameterizedTest(name = "public {0} with tax A → band {1}")
    @CsvSource({"A,A", "B,B", "C,C", "D,D"})
    void publicGrades(String publicGrade, String band) {
        org.junit.jupiter.api.Assertions.assertEquals(band, bandOf(Api.applicant("A", publicGrade)));
    }

    @Test
    void unknownGradesAreBandBNotA() {
        String uscc = Api.applicant(null, null);
        Api.decide("SCJG-SPJY-001", uscc, "2026-06-01", ALL, List.of(), false)
                .statusCode(201)
                .body("creditBand", equalTo("B"))
                .body("creditFindings.ruleId", hasItem("ACC-CREDIT-TAX-UNKNOWN"))
                .body("creditFindings.ruleId", hasItem("ACC-CREDIT-PUBLIC-UNKNOWN"));
    }

    @ParameterizedTest(name = "{0} in force → band D")
    @CsvSource({"DISHONEST_DEBTOR,ACC-CREDIT-LIST-01", "SERIOUS_DISHONESTY,ACC-CREDIT-LIST-02", "ABNORMAL_OPERATION,ACC-CREDIT-LIST-03"})
    void listingInForceIsBandD(String list, String ruleId) {
        String uscc = withListing(Api.listing(list, "2026-03-01", null));
        Api.decide("SCJG-SPJY-001", uscc, "2026-06-01", ALL, List.of(), false)
                .statusCode(201)
                .body("creditBand", equalTo("D"))
                .body("creditFindings.find { it.band == 'D' }.ruleId", equalTo(ruleId));
    }

    @Test
    void listingEndedOnOrBeforeTheApplicationDateNoLongerCounts() {
        // until == application date: no longer in force on that date
        org.junit.jupiter.api.Assertions.assertEquals("A", bandOf(withListing(Api.listing("ABNORMAL_OPERATION", "2025-03-01", "2026-06-01"))));
        org.junit.jupiter.api.Assertions.assertEquals("D", bandOf(withListing(Api.listing("ABNORMAL_OPERATION", "2025-03-01", "2026-06-02"))));
    }

    @Test
    void listingStartingAfterTheApplicationDateDoesNotCountYet() {
        String uscc = withListing(Api.listing("DISHONEST_DEBTOR", "2026-06-02", null));
        Api.decide("SCJG-SPJY-001", uscc, "2026-06-01", ALL, List.of(), false)
                .statusCode(201).body("creditBand", equalTo("A")).body("creditFindings.band", not(hasItem("D")));
    }

    private static String withListing(Map<String, Object> listing) {
        String uscc = Api.newUscc();
        Map<String, Object> body = Api.enterprise("A", "A");
        body.put("listings", List.of(listing));
        Api.putEnterprise(uscc, body).statusCode(201);
        return uscc;
    }
}
