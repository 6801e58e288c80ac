package cn.zhiban.rules;

import java.time.Duration;

/**
 * How far one evaluation may go before it is stopped as a runaway: at most {@code maxFirings} rule firings
 * and {@code maxTime}, each raised for batches by a budget per inserted fact (a screening session over 2,000
 * enterprises honestly fires far more than one decision). Plain values, no CDI: the CheckRules command
 * validates without a server and gets the defaults (or {@code -Dzhiban.rules.*} system properties); the
 * service sets the configured ones at start-up ({@code EvaluationLimitsConfig}).
 */
public record EvaluationLimits(long maxFirings, long maxFiringsPerFact, Duration maxTime, Duration maxTimePerFact) {
    /** Same defaults as application.properties, which says how they were chosen. */
    public static final EvaluationLimits DEFAULTS = new EvaluationLimits(
            Long.getLong("zhiban.rules.max-firings", 100_000),
            Long.getLong("zhiban.rules.max-firings-per-fact", 2_000),
            Duration.parse(System.getProperty("zhiban.rules.max-evaluation-time", "PT5S")),
            Duration.parse(System.getProperty("zhiban.rules.max-evaluation-time-per-fact", "PT0.02S")));

    private static volatile EvaluationLimits current = DEFAULTS;

    public EvaluationLimits {
        if (maxFirings < 1 || maxFiringsPerFact < 0 || maxTime.isNegative() || maxTime.isZero() || maxTimePerFact.isNegative()) {
            throw new IllegalArgumentException("evaluation limits must be positive: " + maxFirings + ", " + maxTime);
        }
    }

    public static EvaluationLimits current() {
        return current;
    }

    /** Applies to evaluations that start from now on. */
    public static void use(EvaluationLimits limits) {
        current = limits;
    }

    /** Firings allowed for a session over {@code facts} facts. */
    long firings(int facts) {
        long perFacts = maxFiringsPerFact * facts;
        return Math.min(Integer.MAX_VALUE - 1L, Math.max(maxFirings, perFacts));
    }

    /** Time allowed for a session over {@code facts} facts, in nanoseconds. */
    long nanos(int facts) {
        return maxTime.toNanos() + maxTimePerFact.toNanos() * facts;
    }
}
