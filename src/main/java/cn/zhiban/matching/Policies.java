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
import java.time.Instant;
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
    public static final String RULE_SET = "policies";

    @Inject
    RuleSets ruleSets;

    /** The definitions and the rule set compiled from them, swapped together. */
    public record Active(Map<String, PolicyDefinition> definitions, CompiledRuleSet rules) {
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
        Instant now = Instant.now();
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
