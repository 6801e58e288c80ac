package cn.zhiban.acceptance;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The answer to an application, exactly as it is returned and stored. Field names are the API contract. */
public record DecisionAnswer(UUID decisionId, String mode, List<String> appliedModes, String creditBand,
                             List<MaterialLine> materials, Inspection siteInspection, List<ReasonLine> reasons,
                             List<CreditFinding> creditFindings, String rulesetVersion) {

    /** Every material of the item: SUBMITTED, PLEDGED, SUPPLEMENT_LATER or BLOCKING. */
    public record MaterialLine(String code, String name, String treatment, LocalDate dueDate) {
    }

    /** NOT_REQUIRED, PLEDGED or REQUIRED_BEFORE_APPROVAL. */
    public record Inspection(String treatment, LocalDate dueDate) {
    }

    /** A relief GRANTED or REFUSED, or a material BLOCKING; {@code subject} is the relief or material code. */
    public record ReasonLine(String ruleId, String message, String source, String outcome, String subject) {
    }

    /** How one credit fact mapped to a band; the worst band is {@code creditBand}. */
    public record CreditFinding(String subject, String value, String band, String ruleId, String message, String source) {
    }
}
