package cn.zhiban.rules;

import org.kie.api.KieBase;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.ConsequenceException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An immutable, compiled rule set. Thread-safe: every evaluation gets its own session over the
 * shared KieBase.
 */
public final class CompiledRuleSet {
    private final String name;
    private final String version;
    private final KieBase kieBase;
    private final List<String> files;
    private final Instant compiledAt;

    CompiledRuleSet(String name, String version, KieBase kieBase, List<String> files) {
        this.name = name;
        this.version = version;
        this.kieBase = kieBase;
        this.files = List.copyOf(files);
        this.compiledAt = Instant.now();
    }

    public String name() { return name; }
    /** Content hash of the files, e.g. {@code acceptance@3f9a0c1b2d4e}: the same files give the same version. */
    public String version() { return version; }
    public List<String> files() { return files; }
    public Instant compiledAt() { return compiledAt; }
    public int ruleCount() {
        return kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
    }

    /**
     * Inserts the facts, fires every rule and returns what the rules inserted, in the order they
     * inserted it (so explanations read in the order they were reasoned).
     * An exception thrown by a helper inside a rule (e.g. a missing calendar) is rethrown as itself.
     */
    public List<Object> evaluate(List<?> facts, Map<String, Object> globals) {
        return evaluate(facts, globals, null);
    }

    /** As {@link #evaluate(List, Map)}, firing only the rules {@code filter} accepts (null: all). */
    public List<Object> evaluate(List<?> facts, Map<String, Object> globals, AgendaFilter filter) {
        KieSession session = kieBase.newKieSession();
        try {
            globals.forEach(session::setGlobal);
            facts.forEach(session::insert);
            List<Object> derived = new ArrayList<>();
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
