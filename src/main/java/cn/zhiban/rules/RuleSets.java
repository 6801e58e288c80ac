package cn.zhiban.rules;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
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

    /** Compiles {@code folder} and makes it the active version of {@code name}; a failed compile changes nothing. */
    public CompiledRuleSet activate(String name, Path folder) {
        return activate(name, RuleSource.folder(folder, ""));
    }

    /** Compiles {@code sources} and makes them the active version of {@code name}; a failed compile changes nothing. */
    public CompiledRuleSet activate(String name, java.util.List<RuleSource> sources) {
        long start = System.nanoTime();
        CompiledRuleSet compiled = RuleSetCompiler.compile(name, sources);
        active.put(name, compiled);
        LOG.infof("rule set %s active: %d rules from %d files in %d ms", compiled.version(), compiled.ruleCount(),
                compiled.files().size(), (System.nanoTime() - start) / 1_000_000);
        return compiled;
    }

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
