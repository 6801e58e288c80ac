package cn.zhiban.matching;

import cn.zhiban.rules.RuleSetCompiler;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The policy files compiled as the service compiles them, for tests and benchmarks that run without Quarkus. */
public final class PolicyFiles {
    public static final Path REAL = Path.of("policy-data/policies");
    public static final Path TEST = Path.of("src/test/resources/test-policies");

    private PolicyFiles() {
    }

    /** The policies of these folders (a later one wins on the same id) with their explaining rules. */
    public static Policies.Active active(Path... folders) {
        Map<String, PolicyDefinition> definitions = new LinkedHashMap<>();
        for (Path folder : folders) {
            definitions.putAll(Policies.read(folder));
        }
        return new Policies.Active(definitions, RuleSetCompiler.compile("policies", Policies.sources(Path.of("rules"), REAL, definitions)));
    }

    /** Equal enterprise → policy → amount maps, or a failure naming the first enterprise that differs (the maps are too big to print). */
    public static void assertSameFindings(Map<String, ? extends Map<String, BigDecimal>> expected, Map<String, ? extends Map<String, BigDecimal>> actual, String what) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            assertEquals(expected.get(key), actual.get(key), what + ", " + key);
        }
    }

    /** A policy file for tests: fixed metadata, {@code extra} top-level lines, and the conditions and benefit lines given (YAML, unindented). */
    public static String yaml(String id, String conditions, String benefit, String extra) {
        return """
                id: %s
                title: 测试政策 %s
                issuer: 测试局
                document: 测试〔2026〕1号
                article: 第一条
                regions: []
                parks: []
                effectiveFrom: 2026-01-01
                effectiveTo: 2026-12-31
                kind: SUBSIDY
                delivery: AUTO
                categories: [测试]
                budget: null
                perEnterpriseCap: null
                period: "2026"
                confirmationDays: 10
                %s
                conditions:
                %s
                benefit:
                  lines:
                %s
                """.formatted(id, id, extra, indent(conditions), indent(benefit));
    }

    private static String indent(String s) {
        return s.strip().lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
