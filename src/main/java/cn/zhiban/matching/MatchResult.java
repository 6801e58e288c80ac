package cn.zhiban.matching;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What one enterprise matches as of a date: eligible policies with amounts and why, policies that
 * need a named piece of data, and policies it almost matches with what it lacks. Field names are the API contract.
 */
public record MatchResult(String uscc, LocalDate asOf, String rulesetVersion, String sizeClass,
                          List<Eligible> eligible, List<Undetermined> undetermined, List<NearMiss> nearMisses) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Eligible(String policyId, String title, String kind, String delivery, BigDecimal amount,
                           List<BreakdownLine> breakdown, List<Reason> reasons, String howToApply) {
    }

    public record BreakdownLine(String label, BigDecimal amount, String source) {
    }

    public record Reason(String message, String source) {
    }

    public record Undetermined(String policyId, String title, List<String> missingFields) {
    }

    public record NearMiss(String policyId, String title, List<Unmet> unmet) {
    }

    public record Unmet(String field, String message, Object actual, String required, String source) {
    }
}
