package cn.zhiban.matching;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A benefit policy as policy staff write it (policy-data/policies/&lt;id&gt;.yaml) and as the API returns
 * it. Compiled into Drools rules by {@link PolicyCompiler}; Java never reads its conditions otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyDefinition(
        String id, String title, String issuer, String document, String article,
        List<String> regions, List<String> parks,
        LocalDate effectiveFrom, LocalDate effectiveTo,
        String kind, String delivery, String howToApply, List<String> categories,
        BigDecimal budget, BigDecimal perEnterpriseCap, String period, Integer confirmationDays,
        Boolean illustrative,
        Condition conditions, Benefit benefit) {

    public static final Set<String> KINDS = Set.of("REDUCTION", "SUBSIDY", "RIGHT", "QUALIFICATION");
    public static final Set<String> DELIVERIES = Set.of("AUTO", "QUICK_APPLY");

    /**
     * One node of the condition tree: a group (exactly one of all / any / not) or a leaf (exactly one
     * of field, industryPrefixes, regionPrefixes, parks, qualification, notListed).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(String id,
                            List<Condition> all, List<Condition> any, Condition not,
                            String field, String op, Object value, List<Object> values,
                            List<String> industryPrefixes, List<String> regionPrefixes, List<String> parks,
                            String qualification, LocalDate qualifiedFrom, LocalDate qualifiedTo,
                            List<String> notListed,
                            String text, String source) {

        public boolean isGroup() {
            return all != null || any != null || not != null;
        }

        public List<Condition> children() {
            return all != null ? all : any != null ? any : not != null ? List.of(not) : List.of();
        }

        public String groupKind() {
            return all != null ? "ALL" : any != null ? "ANY" : "NOT";
        }
    }

    public record Benefit(List<BenefitLine> lines) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BenefitLine(String label, String source, Condition when,
                              BigDecimal fixed, Percent percent, Tiers tiers, PerUnit perUnit) {
    }

    public record Percent(String field, BigDecimal rate, BigDecimal cap) {
    }

    public record Tiers(String field, List<Step> steps) {
    }

    public record Step(BigDecimal atLeast, BigDecimal amount) {
    }

    public record PerUnit(String field, BigDecimal amount, BigDecimal cap) {
    }

    public boolean effectiveOn(LocalDate date) {
        return !effectiveFrom.isAfter(date) && (effectiveTo == null || !effectiveTo.isBefore(date));
    }

    public boolean isAuto() {
        return "AUTO".equals(delivery);
    }
}
