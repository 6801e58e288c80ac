package cn.zhiban.rulesets;

import cn.zhiban.acceptance.AcceptanceEngine;
import cn.zhiban.enterprise.EnterpriseInput;
import cn.zhiban.enterprise.Listing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Rule tests as policy staff write them beside the rules ({@code rules/acceptance/tests/*.yaml},
 * {@code rules/policies/tests/*.yaml}): an input and the expected answer.
 */
final class RuleTestFiles {
    private RuleTestFiles() {
    }

    record AcceptanceFile(List<AcceptanceTest> tests) {
    }

    record AcceptanceTest(String name, String itemCode, LocalDate applicationDate, List<String> submittedMaterials,
                          List<String> pledgedMaterials, Boolean pledgeSiteInspection, Applicant applicant, AcceptanceExpect expect) {
    }

    record Applicant(String taxCreditGrade, String publicCreditGrade, List<Listing> listings, LocalDate creditRepairedOn,
                     List<AcceptanceEngine.HistoryFact> history) {
    }

    record AcceptanceExpect(String mode, String creditBand, List<String> appliedModes, Map<String, String> materials,
                            String siteInspection, Map<String, LocalDate> dueDates) {
    }

    record PolicyFile(List<PolicyTest> tests) {
    }

    record PolicyTest(String name, LocalDate asOf, EnterpriseInput profile, PolicyExpect expect) {
    }

    /** eligible: policy → amount (null: any amount); notEligible; undetermined: policy → missing fields (null: any). */
    record PolicyExpect(Map<String, BigDecimal> eligible, List<String> notEligible, Map<String, List<String>> undetermined,
                        String sizeClass) {
    }
}
