package cn.zhiban.matching;

import cn.zhiban.matching.facts.Candidate;
import cn.zhiban.matching.facts.Money;

import java.math.BigDecimal;

/** Where the screening rules report each eligible (policy, enterprise) pair; one per session, never shared across threads. */
public interface ScreeningSink {
    /** Eligible for policy number {@code policy} (index into the screened list) with the capped total. */
    void eligible(int policy, Candidate candidate, BigDecimal amount);

    /** What the rules report: the benefit lines that apply (indices into the policy's lines), their amounts and the policy's cap. */
    default void eligible(int policy, Candidate candidate, String cap, int[] lines, BigDecimal[] amounts) {
        eligible(policy, candidate, Money.total(cap, amounts));
    }
}
