package cn.zhiban.rules;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.ConsequenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An immutable, compiled rule set. Thread-safe: every evaluation gets a session of its own over the
 * shared KieBase.
 *
 * <p>Tuned for many small evaluations (see {@link #TUNING}): the KieBase is built immutable
 * ({@code KieBaseMutabilityOption.DISABLED}; a new version is a new KieBase anyway), so sessions
 * keep their facts in a plain identity map instead of per-class stores; and single evaluations take
 * their session from a pool of the KieBase and give it back reset (facts, globals and listeners
 * cleared), so the node memories a session builds on first use are built once per pooled session,
 * not once per evaluation. A pooled session is never shared by two evaluations at once, so it is
 * not thread-safe ({@code ThreadSafeOption.NO}: no locking, inserts propagate at once).
 */
public final class CompiledRuleSet {
    /**
     * System property, read when a rule set is compiled: {@code off} builds and evaluates with Drools'
     * defaults instead (a mutable KieBase, a new session per evaluation), as Zhiban did before; for
     * comparisons, and as a fallback.
     */
    public static final String TUNING = "zhiban.rules.tuning";
    /** A pooled session serves one evaluation, on one thread, at a time: no locks or propagation queue (the pool keys its sessions by this instance). */
    private static final KieSessionConfiguration ONE_THREAD = KieServices.get().newKieSessionConfiguration();

    static {
        ONE_THREAD.setOption(ThreadSafeOption.NO);
    }

    private final String name;
    private final String version;
    private final KieBase kieBase;
    private final List<RuleSource> sources;
    /** Grows to the number of evaluations running at once; null when not tuned. */
    private final KieSessionsPool sessions;

    CompiledRuleSet(String name, String version, KieBase kieBase, boolean tuned, List<RuleSource> sources) {
        this.name = name;
        this.version = version;
        this.kieBase = kieBase;
        this.sources = List.copyOf(sources);
        this.sessions = tuned ? kieBase.newKieSessionsPool(0) : null;
    }

    /** Whether rule sets compiled now are tuned ({@link #TUNING} is not {@code off}). */
    static boolean tuned() {
        return !"off".equals(System.getProperty(TUNING));
    }

    public String name() { return name; }
    /** Content hash of the files, e.g. {@code acceptance@3f9a0c1b2d4e}: the same files give the same version. */
    public String version() { return version; }
    public List<String> files() { return sources.stream().map(RuleSource::path).toList(); }
    /** What it was compiled from (other forms of the same rules are compiled from these). */
    public List<RuleSource> sources() { return sources; }
    /** Every rule: its name, metadata and the file it came from. */
    public List<RuleInfo> rules() {
        List<RuleInfo> out = new ArrayList<>();
        for (var pkg : kieBase.getKiePackages()) {
            for (var rule : pkg.getRules()) {
                String file = rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl && impl.getResource() != null
                        ? impl.getResource().getSourcePath() : null;
                out.add(new RuleInfo(rule.getName(), file, rule.getMetaData()));
            }
        }
        out.sort(java.util.Comparator.comparing(RuleInfo::name));
        return out;
    }

    public record RuleInfo(String name, String file, Map<String, Object> metadata) {
    }

    public int ruleCount() {
        return kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
    }

    /**
     * Inserts the facts and fires every rule in one session; the rules report through the globals. For batches.
     * Bounded like {@link #evaluate}: the limits grow with the number of facts.
     */
    public void run(List<?> facts, Map<String, Object> globals) {
        KieSession session = kieBase.newKieSession();
        try {
            Watchdog.Watch watch = watch(session, facts.size());
            try {
                globals.forEach(session::setGlobal);
                facts.forEach(session::insert);
                fireBounded(session, null, facts.size(), watch);
            } finally {
                watch.finish();
            }
        } finally {
            session.dispose();
        }
    }

    /**
     * Inserts the facts, fires every rule and returns what the rules inserted, in the order they
     * inserted it (so explanations read in the order they were reasoned).
     * An exception thrown by a helper inside a rule (e.g. a missing calendar) is rethrown as itself.
     * A session that fires more rules or runs longer than {@link EvaluationLimits} allow is stopped:
     * {@link RuleEvaluationLimitException}.
     */
    public List<Object> evaluate(List<?> facts, Map<String, Object> globals) {
        return evaluate(facts, globals, null);
    }

    /** As {@link #evaluate(List, Map)}, firing only the rules {@code filter} accepts (null: all). */
    public List<Object> evaluate(List<?> facts, Map<String, Object> globals, AgendaFilter filter) {
        return evaluate(facts, globals, filter, null);
    }

    /** As above, adding the name of every rule that fired to {@code firedRules} (rule-test coverage). */
    public List<Object> evaluate(List<?> facts, Map<String, Object> globals, AgendaFilter filter, java.util.Set<String> firedRules) {
        // dispose() gives a pooled session back to its pool, reset
        KieSession session = sessions != null ? sessions.newKieSession(ONE_THREAD) : kieBase.newKieSession();
        // Finished before dispose(): a halt must never reach the session once the pool has it back.
        Watchdog.Watch watch = watch(session, facts.size());
        try {
            globals.forEach(session::setGlobal);
            facts.forEach(session::insert);
            List<Object> derived = new ArrayList<>();
            if (firedRules != null) {
                session.addEventListener(new org.kie.api.event.rule.DefaultAgendaEventListener() {
                    @Override
                    public void afterMatchFired(org.kie.api.event.rule.AfterMatchFiredEvent event) {
                        firedRules.add(event.getMatch().getRule().getName());
                    }
                });
            }
            session.addEventListener(new DefaultRuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent event) {
                    derived.add(event.getObject());
                }
            });
            fireBounded(session, filter, facts.size(), watch);
            return derived;
        } catch (ConsequenceException e) {
            Throwable cause = e.getCause();
            while (cause instanceof ConsequenceException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        } finally {
            watch.finish();
            // A pooled session goes back reset (agenda, halt state, facts, listeners), halted or not.
            session.dispose();
        }
    }

    private Watchdog.Watch watch(KieSession session, int facts) {
        return Watchdog.watch(session, EvaluationLimits.current().nanos(facts), this::ruleOnStack);
    }

    /**
     * Fires at most one rule more than allowed: only a session that would go on is stopped, and counting
     * happens inside Drools (no listener per firing). The deadline halts the session between firings.
     */
    private void fireBounded(KieSession session, AgendaFilter filter, int facts, Watchdog.Watch watch) {
        EvaluationLimits limits = EvaluationLimits.current();
        long maxFirings = limits.firings(facts);
        int fired = watch.expired() ? 0 : fire(session, filter, (int) maxFirings + 1);
        if (watch.expired()) {
            throw new RuleEvaluationLimitException(RuleEvaluationLimitException.Kind.TIME, name, version, watch.runningRule(), fired,
                    limits.nanos(facts), watch.elapsed());
        }
        if (fired > maxFirings) {
            throw new RuleEvaluationLimitException(RuleEvaluationLimitException.Kind.FIRINGS, name, version, mostFiring(session, filter, watch),
                    fired, maxFirings, watch.elapsed());
        }
    }

    private static int fire(KieSession session, AgendaFilter filter, int max) {
        return filter == null ? session.fireAllRules(max) : session.fireAllRules(filter, max);
    }

    /** Only on the runaway path: fires a few more with a counter and names the rule that fired most. */
    private static String mostFiring(KieSession session, AgendaFilter filter, Watchdog.Watch watch) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        session.addEventListener(new org.kie.api.event.rule.DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(org.kie.api.event.rule.AfterMatchFiredEvent event) {
                counts.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
            }
        });
        if (!watch.expired()) {
            fire(session, filter, 1_000);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** The rule whose consequence is on a sampled stack, or null (time spent in a constraint, or between firings). */
    private String ruleOnStack(StackTraceElement[] stack) {
        Map<String, String> byClass = consequenceClasses();
        for (StackTraceElement frame : stack) {
            String rule = byClass.get(frame.getClassName());
            if (rule != null) {
                return rule;
            }
        }
        return null;
    }

    private volatile Map<String, String> consequenceClasses;

    /** Generated consequence class → rule name; built on first need (a deadline), never on the honest path. */
    private Map<String, String> consequenceClasses() {
        Map<String, String> map = consequenceClasses;
        if (map == null) {
            map = new java.util.HashMap<>();
            for (var pkg : kieBase.getKiePackages()) {
                for (var rule : pkg.getRules()) {
                    if (rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl && impl.getConsequence() != null) {
                        String invoker = impl.getConsequence().getClass().getName();
                        map.put(invoker, rule.getName());
                        // the invoker calls a static method of the rule's class: Rule_x_hash + DefaultConsequenceInvoker
                        if (invoker.endsWith("DefaultConsequenceInvoker")) {
                            map.put(invoker.substring(0, invoker.length() - "DefaultConsequenceInvoker".length()), rule.getName());
                        }
                    }
                }
            }
            consequenceClasses = map;
        }
        return map;
    }
}
