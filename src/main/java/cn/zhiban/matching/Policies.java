package cn.zhiban.matching;

import cn.zhiban.policydata.PolicyDataException;
import cn.zhiban.policydata.PolicyDataFiles;
import cn.zhiban.rules.CompiledRuleSet;
import cn.zhiban.rules.RuleSets;
import cn.zhiban.rules.RuleSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policies of policy-data/policies, compiled with rules/enterprise and rules/policies into the
 * {@code policies} rule set. The definitions in force are held with the rule set they were compiled into.
 */
@ApplicationScoped
public class Policies {
    @Inject
    Clock clock;
    public static final String RULE_SET = "policies";

    @Inject
    RuleSets ruleSets;

    /** The definitions and the rule set compiled from them, swapped together, with their screening forms. */
    public static final class Active {
        private static final int SCREENINGS_KEPT = 16;
        private final Map<String, PolicyDefinition> definitions;
        private final CompiledRuleSet rules;
        private final Map<List<String>, Screening> screenings = new java.util.concurrent.ConcurrentHashMap<>();

        public Active(Map<String, PolicyDefinition> definitions, CompiledRuleSet rules) {
            this.definitions = definitions;
            this.rules = rules;
        }

        public Map<String, PolicyDefinition> definitions() {
            return definitions;
        }

        public CompiledRuleSet rules() {
            return rules;
        }

        /** The screening form of these policies (in this order), compiled on first use and kept with the version. */
        public Screening screening(List<PolicyDefinition> policies) {
            List<String> key = policies.stream().map(PolicyDefinition::id).toList();
            if (screenings.size() >= SCREENINGS_KEPT && !screenings.containsKey(key)) {
                screenings.clear();
            }
            return screenings.computeIfAbsent(key, k -> Screening.compile(rules, policies));
        }

        /** The policies in force on a date (optionally only one), ordered by id. */
        public List<PolicyDefinition> inForce(LocalDate asOf, String onlyPolicy) {
            return definitions.values().stream()
                    .filter(p -> p.effectiveOn(asOf) && (onlyPolicy == null || p.id().equals(onlyPolicy)))
                    .sorted(java.util.Comparator.comparing(PolicyDefinition::id))
                    .toList();
        }
    }

    private volatile Active active = new Active(Map.of(), null);

    public Active active() {
        return active;
    }

    public Optional<PolicyDefinition> find(String id) {
        return Optional.ofNullable(active.definitions().get(id));
    }

    /** Reads and checks every policy file; the first bad one stops the load with its file, field and reason. */
    public static Map<String, PolicyDefinition> read(Path folder) {
        Map<String, PolicyDefinition> policies = new LinkedHashMap<>();
        for (Path file : PolicyDataFiles.yamlFiles(folder)) {
            try {
                PolicyDefinition p = parse(file.toString(), java.nio.file.Files.readAllBytes(file));
                policies.put(p.id(), p);
            } catch (java.io.IOException e) {
                throw new PolicyDataException(file.toString(), "", e.getMessage());
            }
        }
        return policies;
    }

    /** One policy file, checked; a problem is thrown with the file and the field. */
    public static PolicyDefinition parse(String file, byte[] content) {
        PolicyDefinition p = PolicyDataFiles.read(file, content, PolicyDefinition.class);
        List<String> problems = PolicyCompiler.problems(p, Path.of(file).getFileName().toString());
        if (!problems.isEmpty()) {
            throw new PolicyDataException(file, "", String.join("; ", problems));
        }
        return p;
    }

    /** Every rule source of the policies rule set: hand-written folders first, then one generated file per policy. */
    public static List<RuleSource> sources(Path rulesDir, Path policiesDir, Map<String, PolicyDefinition> policies) {
        List<RuleSource> sources = new ArrayList<>(RuleSource.folder(rulesDir.resolve("enterprise"), "rules/enterprise/"));
        sources.addAll(RuleSource.folder(rulesDir.resolve("policies"), "rules/policies/"));
        policies.values().forEach(p -> sources.add(PolicyCompiler.toRules(p, "policy-data/policies/" + p.id() + ".yaml")));
        return sources;
    }

    /** Makes a compiled version active: its definitions are stored (runs and grants refer to them), then swapped in. */
    public void install(Map<String, PolicyDefinition> definitions, CompiledRuleSet compiled) {
        QuarkusTransaction.joiningExisting().run(() -> store(definitions));
        ruleSets.install(compiled);
        active = new Active(Map.copyOf(definitions), compiled);
    }

    void store(Map<String, PolicyDefinition> policies) {
        Instant now = clock.instant();
        for (PolicyDefinition d : policies.values()) {
            Policy policy = Policy.findById(d.id());
            if (policy == null) {
                policy = new Policy();
                policy.id = d.id();
            } else if (policy.active && d.equals(policy.definition)) {
                continue;
            }
            policy.definition = d;
            policy.budget = d.budget();
            policy.active = true;
            policy.sourceFile = d.id() + ".yaml";
            policy.updatedAt = now;
            policy.persist();
        }
        Policy.update("active = false where active = true and id not in ?1", policies.isEmpty() ? List.of("") : policies.keySet());
    }
}
