package cn.zhiban.rules;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active version of each rule set. A request takes the reference once, at its start, so a swap
 * never changes the rules under a running evaluation.
 */
@ApplicationScoped
public class RuleSets {
    private static final Logger LOG = Logger.getLogger(RuleSets.class);
    private final Map<String, CompiledRuleSet> active = new ConcurrentHashMap<>();

    /** Makes an already compiled rule set the active one; requests that started earlier finish on the old one. */
    public void install(CompiledRuleSet compiled) {
        active.put(compiled.name(), compiled);
        LOG.infof("rule set %s active: %d rules", compiled.version(), compiled.ruleCount());
    }

    public Optional<CompiledRuleSet> find(String name) {
        return Optional.ofNullable(active.get(name));
    }

    public CompiledRuleSet active(String name) {
        CompiledRuleSet set = active.get(name);
        if (set == null) {
            throw new IllegalStateException("rule set '" + name + "' is not active");
        }
        return set;
    }
}
