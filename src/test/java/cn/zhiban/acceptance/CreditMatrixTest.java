package cn.zhiban.acceptance;

import cn.zhiban.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every cell of the band × relief matrix, through the API, on WJ-GGCS-002 (LOW risk, allows all four
 * reliefs; M02 core and pledgeable, M04 secondary and missable, inspection pledgeable).
 */
@QuarkusTest
class CreditMatrixTest {
    private static final String ITEM = "WJ-GGCS-002";
    private static final String DAY = "2026-06-01";
    private static final List<String> ALL = List.of("M01", "M02", "M03", "M04");

    /** An applicant whose worst credit fact lands in {@code band}. */
    static String applicantInBand(String band) {
        return switch (band) {
            case "A" -> Api.applicant("A", "A");
            case "B" -> Api.applicant("A", "B");
            case "C" -> Api.applicant("C", "A");
            case "D" -> {
                String uscc = Api.newUscc();
                Map<String, Object> body = Api.enterprise("A", "A");
                body.put("listings", List.of(Api.listing("DISHONEST_DEBTOR", "2026-01-10", null)));
                Api.putEnterprise(uscc, body).statusCode(201);
                yield uscc;
            }
            default -> throw new IllegalArgumentException(band);
        };
    }

    @ParameterizedTest(name = "band {0}: approval waiver allowed = {1}")
    @CsvSource({"A,true", "B,false", "C,false", "D,false"})
    void approvalWaiver(String band, boolean allowed) {
        var response = Api.decide(ITEM, applicantInBand(band), DAY, ALL, List.of(), false)
                .statusCode(201).body("creditBand", equalTo(band));
        if (allowed) {
            response.body("mode", equalTo("APPROVAL_WAIVER")).body("appliedModes", hasItem("APPROVAL_WAIVER"))
                    .body("reasons.ruleId", hasItem("ACC-GRANT-WAIVER"));
        } else {
            response.body("mode", equalTo("STANDARD")).body("appliedModes", not(hasItem("APPROVAL_WAIVER")))
                    .body("reasons.findAll { it.outcome == 'REFUSED' }.ruleId", hasItem("ACC-BAND-" + band + "-WAIVER"));
        }
    }

    @ParameterizedTest(name = "band {0}: site-inspection pledge allowed = {1}")
    @CsvSource({"A,true", "B,true", "C,false", "D,false"})
    void siteInspectionPledge(String band, boolean allowed) {
        var response = Api.decide(ITEM, applicantInBand(band), DAY, ALL, List.of(), true)
                .statusCode(201).body("creditBand", equalTo(band));
        if (allowed) {
            response.body("siteInspection.treatment", equalTo("PLEDGED"))
                    .body("appliedModes", hasItem("SITE_INSPECTION_PLEDGE"))
                    // 2026-06-01 + 40 working days, across 端午 (Jun 19): 2026-07-28
                    .body("siteInspection.dueDate", equalTo("2026-07-28"));
        } else {
            response.body("siteInspection.treatment", equalTo("REQUIRED_BEFORE_APPROVAL"))
                    .body("siteInspection.dueDate", equalTo(null))
                    .body("mode", equalTo("STANDARD"))
                    .body("reasons.findAll { it.outcome == 'REFUSED' }.ruleId", hasItem("ACC-BAND-" + band + "-SITE"));
        }
    }

    @ParameterizedTest(name = "band {0}: material pledge allowed = {1}")
    @CsvSource({"A,true", "B,true", "C,false", "D,false"})
    void materialPledge(String band, boolean allowed) {
        var response = Api.decide(ITEM, applicantInBand(band), DAY, List.of("M01", "M03", "M04"), List.of("M02"), false)
                .statusCode(201).body("creditBand", equalTo(band));
        if (allowed) {
            response.body("mode", equalTo("MATERIAL_PLEDGE"))
                    .body("materials.find { it.code == 'M02' }.treatment", equalTo("PLEDGED"))
                    // verification within 40 working days of the decision
                    .body("materials.find { it.code == 'M02' }.dueDate", equalTo("2026-07-28"));
        } else {
            response.body("mode", equalTo("NOT_ACCEPTED"))
                    .body("materials.find { it.code == 'M02' }.treatment", equalTo("BLOCKING"))
                    .body("reasons.findAll { it.outcome == 'REFUSED' }.ruleId", hasItem("ACC-BAND-" + band + "-MATERIAL"));
        }
    }

    @ParameterizedTest(name = "band {0}: conditional acceptance allowed = {1}")
    @CsvSource({"A,true", "B,true", "C,true", "D,false"})
    void conditionalAcceptance(String band, boolean allowed) {
        var response = Api.decide(ITEM, applicantInBand(band), DAY, List.of("M01", "M02", "M03"), List.of(), false)
                .statusCode(201).body("creditBand", equalTo(band));
        if (allowed) {
            response.body("mode", equalTo("CONDITIONAL_ACCEPTANCE"))
                    .body("materials.find { it.code == 'M04' }.treatment", equalTo("SUPPLEMENT_LATER"))
                    // 3 supplement days (within the 5 promised): Jun 2, 3, 4
                    .body("materials.find { it.code == 'M04' }.dueDate", equalTo("2026-06-04"));
        } else {
            response.body("mode", equalTo("NOT_ACCEPTED"))
                    .body("materials.find { it.code == 'M04' }.treatment", equalTo("BLOCKING"))
                    .body("reasons.findAll { it.outcome == 'REFUSED' }.ruleId", hasItem("ACC-BAND-" + band + "-CONDITIONAL"));
        }
    }
}
