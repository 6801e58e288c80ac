package cn.zhiban.matching;

import java.util.Map;

/** The profile fields a policy condition may name, and their types. Describes the fact model, not a policy. */
enum PolicyFields {
    TEXT, DATE, INTEGER, MONEY, SIZE;

    static final String ATTRIBUTE_PREFIX = "attributes.";

    static final Map<String, PolicyFields> FIELDS = Map.ofEntries(
            Map.entry("regionCode", TEXT), Map.entry("park", TEXT), Map.entry("industryCode", TEXT),
            Map.entry("taxCreditGrade", TEXT), Map.entry("publicCreditGrade", TEXT),
            Map.entry("establishedOn", DATE),
            Map.entry("insuredEmployees", INTEGER), Map.entry("graduatesHired", INTEGER),
            Map.entry("revenue", MONEY), Map.entry("totalAssets", MONEY), Map.entry("taxPaid", MONEY),
            Map.entry("rdExpense", MONEY), Map.entry("unemploymentInsurancePaid", MONEY),
            Map.entry("sizeClass", SIZE));

    static boolean isNumeric(String field) {
        PolicyFields type = FIELDS.get(field);
        return type == INTEGER || type == MONEY;
    }
}
