package cn.zhiban.grants;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A grant as the API returns it, with its history of transitions. */
public record GrantView(UUID grantId, String policyId, String policyTitle, String uscc, String period, BigDecimal amount,
                        List<Grant.BreakdownItem> breakdown, String state, Integer waitlistRank, LocalDate confirmBy,
                        String bankAccount, String rulesetVersion, Instant createdAt, Instant updatedAt,
                        List<Transition> transitions) {

    public record Transition(String from, String to, String note, Instant at) {
    }
}
