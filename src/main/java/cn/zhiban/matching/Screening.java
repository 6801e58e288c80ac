package cn.zhiban.matching;

import cn.zhiban.matching.facts.Candidate;
import cn.zhiban.matching.facts.SizeClass;
import cn.zhiban.rules.CompiledRuleSet;
import cn.zhiban.rules.RuleSetCompiler;
import cn.zhiban.rules.RuleSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of policies in their screening form, compiled from the same files as an active policies rule set:
 * the hand-written derivation rules (size classes, rules/) in one knowledge base, the policies'
 * screening rules ({@link ScreeningCompiler}) in another. Thread-safe; a batch gets its own sessions.
 */
public final class Screening {
    private final List<PolicyDefinition> policies;
    private final CompiledRuleSet derivations;
    private final CompiledRuleSet rules;

    private Screening(List<PolicyDefinition> policies, CompiledRuleSet derivations, CompiledRuleSet rules) {
        this.policies = policies;
        this.derivations = derivations;
        this.rules = rules;
    }

    static Screening compile(CompiledRuleSet explaining, List<PolicyDefinition> policies) {
        return of(explaining.sources().stream().filter(s -> s.path().startsWith("rules/")).toList(), policies, explaining.version());
    }

    /** Compiles the screening form of {@code policies} beside the hand-written rules (rules/) of the same version. */
    public static Screening of(List<RuleSource> handWritten, List<PolicyDefinition> policies, String version) {
        CompiledRuleSet derivations = handWritten.isEmpty() ? null : RuleSetCompiler.compile("derivations", handWritten, version + "/derivations");
        CompiledRuleSet rules = RuleSetCompiler.compile("screening", List.of(ScreeningCompiler.toRules(policies)), version + "/screening");
        return new Screening(List.copyOf(policies), derivations, rules);
    }

    public int ruleCount() {
        return rules.ruleCount();
    }

    /** The policies screened; the sink's policy index points into this list. */
    public List<PolicyDefinition> policies() {
        return policies;
    }

    /** Screens a batch of enterprises as of a date: sizes are derived first, then every eligible pair goes to the sink. */
    public void screen(List<Matcher.Subject> subjects, LocalDate asOf, ScreeningSink sink) {
        screen(candidates(subjects, asOf), sink);
    }

    /** Screens candidates whose size classes are already set (see {@link #candidates}). */
    public void screen(List<Candidate> candidates, ScreeningSink sink) {
        rules.run(candidates, Map.of(ScreeningCompiler.GLOBAL, sink));
    }

    /** The enterprises as the screening rules see them as of a date, each with its size class derived by the rules. */
    public List<Candidate> candidates(List<Matcher.Subject> subjects, LocalDate asOf) {
        Map<String, String> sizes = new HashMap<>();
        if (derivations != null) {
            List<Object> profiles = new ArrayList<>(subjects.size());
            subjects.forEach(s -> profiles.add(s.profile()));
            for (Object derived : derivations.evaluate(profiles, Map.of())) {
                if (derived instanceof SizeClass size) {
                    sizes.put(size.getUscc(), size.getValue());
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>(subjects.size());
        for (Matcher.Subject s : subjects) {
            Candidate c = new Candidate(s.profile(), s.qualifications(), s.listings(), asOf);
            c.setSizeClass(sizes.get(s.profile().getUscc()));
            candidates.add(c);
        }
        return candidates;
    }
}
