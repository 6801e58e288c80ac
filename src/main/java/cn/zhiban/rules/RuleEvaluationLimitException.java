package cn.zhiban.rules;

import java.time.Duration;

/**
 * An evaluation stopped because it fired more rules, or ran longer, than {@link EvaluationLimits} allow:
 * a problem of the rule set version, not of the request. Names the rule that fired most (firing limit)
 * or was running when time ran out (null if the time went elsewhere, e.g. into a constraint).
 */
public final class RuleEvaluationLimitException extends RuntimeException {
    public enum Kind { FIRINGS, TIME }

    private final Kind kind;
    private final String ruleSet;
    private final String version;
    private final String rule;
    private final long firings;
    private final long limit;
    private final Duration elapsed;

    RuleEvaluationLimitException(Kind kind, String ruleSet, String version, String rule, long firings, long limit, Duration elapsed) {
        super(message(kind, version, rule, firings, limit, elapsed), null, false, false);
        this.kind = kind;
        this.ruleSet = ruleSet;
        this.version = version;
        this.rule = rule;
        this.firings = firings;
        this.limit = limit;
        this.elapsed = elapsed;
    }

    private static String message(Kind kind, String version, String rule, long firings, long limit, Duration elapsed) {
        String who = rule == null ? "规则集 " + version + " 的规则" : "规则 " + rule;
        if (kind == Kind.FIRINGS) {
            return who + " 在一次评估中触发超过 " + limit + " 次(可能无限循环地重复激活),已中止(规则集 " + version + ")";
        }
        return who + " 的一次评估超过 " + millis(Duration.ofNanos(limit)) + "仍未结束(已用 " + millis(elapsed) + ",触发 " + firings
                + " 次),已中止(规则集 " + version + ")";
    }

    private static String millis(Duration d) {
        return d.toMillis() + " 毫秒";
    }

    public Kind kind() { return kind; }
    /** The rule set's name, e.g. {@code acceptance}. */
    public String ruleSet() { return ruleSet; }
    public String version() { return version; }
    /** The rule, or null when it could not be told. */
    public String rule() { return rule; }
    public long firings() { return firings; }
    /** The firing limit, or the time limit in nanoseconds. */
    public long limit() { return limit; }
    public Duration elapsed() { return elapsed; }
}
