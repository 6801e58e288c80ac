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
     * Inserts the facts, fires every rule and returns what the rules inserted, in the order they
     * inserted it (so explanations read in the order they were reasoned).
     * An exception thrown by a helper inside a rule (e.g. a missing calendar) is rethrown as itself.
     */
    /** Inserts the facts and fires every rule in one session; the rules report through the globals. For batches. */
    public void run(List<?> facts, Map<String, Object> globals) {
        KieSession session = kieBase.newKieSession();
        try {
            globals.forEach(session::setGlobal);
            facts.forEach(session::insert);
            session.fireAllRules();
        } finally {
            session.dispose();
        }
    }

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
            if (filter == null) {
                session.fireAllRules();
            } else {
                session.fireAllRules(filter);
            }
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
            session.dispose();
        }
    }
}
