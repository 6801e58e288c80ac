package cn.zhiban.scale;

import cn.zhiban.matching.Policies;
import cn.zhiban.matching.PolicyCompiler;
import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.matching.PolicyDefinition.BenefitLine;
import cn.zhiban.matching.PolicyDefinition.Condition;
import cn.zhiban.rules.CompiledRuleSet;
import cn.zhiban.rules.RuleSetCompiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyGeneratorTest {
    private static final int COUNT = 1000;
    /** Compiling all 1,000 takes minutes on a shared 2-core machine; 200 exercise every generated form. */
    private static final int COMPILED = 200;
    private static Map<String, PolicyDefinition> real;
    private static Map<String, PolicyDefinition> generated;

    @BeforeAll
    static void generate() {
        real = Policies.read(Path.of("policy-data/policies"));
        generated = new PolicyGenerator(42, real).generate(COUNT);
    }

    private static String yamlHash(long seed, Path dir) throws IOException {
        PolicyGenerator.writeYaml(dir, new PolicyGenerator(seed, real).generate(COUNT).values());
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                all.append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        return EnterpriseGeneratorTest.sha256(all.toString());
    }

    @Test
    void sameSeedWritesTheSameYamlAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
        String first = yamlHash(42, dir.resolve("a"));
        assertEquals(first, yamlHash(42, dir.resolve("b")));
        assertNotEquals(first, yamlHash(7, dir.resolve("c")));
    }

    @Test
    void everyPolicyIsValidAndTheSetIsVaried() {
        assertEquals(COUNT, generated.size());
        for (PolicyDefinition p : generated.values()) {
            assertTrue(p.id().matches("[A-Z0-9][A-Z0-9-]{2,39}"), p.id());
            assertEquals(List.of(), PolicyCompiler.problems(p, null), p.id());
        }
        List<BenefitLine> lines = generated.values().stream().flatMap(p -> p.benefit().lines().stream()).toList();
        assertTrue(lines.stream().anyMatch(l -> l.fixed() != null) && lines.stream().anyMatch(l -> l.percent() != null)
                && lines.stream().anyMatch(l -> l.tiers() != null) && lines.stream().anyMatch(l -> l.perUnit() != null), "all four benefit forms");
        assertTrue(lines.stream().filter(l -> l.when() != null).count() > 100, "lines for part of the eligible");
        Set<String> kinds = new HashSet<>();
        generated.values().forEach(p -> collectKinds(p.conditions(), kinds));
        assertTrue(kinds.containsAll(Set.of("any", "not", "field", "industryPrefixes", "parks", "qualification", "notListed")), kinds.toString());

        assertShare("in force on 2026-06-30", p -> p.effectiveOn(LocalDate.of(2026, 6, 30)), 0.75, 0.97);
        assertShare("QUICK_APPLY", p -> !p.isAuto(), 0.1, 0.5);
        assertShare("without a budget", p -> p.budget() == null, 0.1, 0.6);
        assertShare("restricted to a park", p -> !p.parks().isEmpty(), 0.05, 0.4);
        assertShare("nationwide", p -> p.regions().isEmpty(), 0.1, 0.5);
        // Variations, not copies: conditions and benefits differ far more often than the 31 templates would allow.
        assertTrue(generated.values().stream().map(PolicyDefinition::conditions).distinct().count() > 500);
        assertTrue(generated.values().stream().map(PolicyDefinition::benefit).distinct().count() > 400);
        assertTrue(generated.values().stream().map(p -> List.of(p.regions(), p.parks(), p.conditions(), p.benefit())).distinct().count() > 950);
        assertTrue(generated.values().stream().map(PolicyDefinition::title).distinct().count() > 300);
    }

    private static void assertShare(String what, java.util.function.Predicate<PolicyDefinition> test, double low, double high) {
        double share = generated.values().stream().filter(test).count() / (double) COUNT;
        assertTrue(share >= low && share <= high, what + ": " + share + " not in [" + low + ", " + high + "]");
    }

    private static void collectKinds(Condition c, Set<String> kinds) {
        kinds.add(c.any() != null ? "any" : c.not() != null ? "not" : c.all() != null ? "all" : c.field() != null ? "field"
                : c.industryPrefixes() != null ? "industryPrefixes" : c.parks() != null ? "parks"
                : c.qualification() != null ? "qualification" : c.notListed() != null ? "notListed" : "regionPrefixes");
        c.children().forEach(child -> collectKinds(child, kinds));
    }

    @Test
    void yamlFilesReadBackAsTheSamePolicies(@TempDir Path dir) throws IOException {
        PolicyGenerator.writeYaml(dir, generated.values());
        assertEquals(generated, Policies.read(dir));
    }

    @Test
    void generatedPoliciesCompileWithTheRealRules() {
        Map<String, PolicyDefinition> some = new LinkedHashMap<>();
        generated.values().stream().limit(COMPILED).forEach(p -> some.put(p.id(), p));
        CompiledRuleSet rules = RuleSetCompiler.compile("policies", Policies.sources(Path.of("rules"), Path.of("policy-data/policies"), some));
        assertTrue(rules.ruleCount() > COMPILED * 5, "rules: " + rules.ruleCount());
    }
}
