package cn.zhiban.matching;

import cn.zhiban.matching.facts.Candidate;

import java.math.BigDecimal;

/** Where the screening rules report each eligible (policy, enterprise) pair; one per session, never shared across threads. */
public interface ScreeningSink {
    void eligible(int policy, Candidate candidate, BigDecimal amount);
}
