package cn.zhiban.matching;

import cn.zhiban.enterprise.EnterpriseInput;
import cn.zhiban.rules.RuleSetCompiler;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many policies on one field: once a field has more range constraints than Drools' alpha range-index
 * threshold (9), "staff &lt; 100" in one policy beside "staff &gt;= 100" in another once stopped the rule
 * base with an index conflict (found by the scale generators).
 */
class ManyRangeConditionsTest {

    @Test
    void oppositeComparisonsOnOneFieldInManyPoliciesCompileAndMatch() throws Exception {
        String template = Files.readString(Path.of("policy-data/policies/CD-GXQ-FZ-2026.yaml"), StandardCharsets.UTF_8);
        Map<String, PolicyDefinition> policies = new LinkedHashMap<>();
        for (int i = 0; i <= 10; i++) {
            String id = "R-" + i;
            // CD-GXQ-FZ-2026 asks for fewer than 100 insured staff; R-10 asks for at least 100.
            String yaml = template.replace("id: CD-GXQ-FZ-2026", "id: " + id)
                    .replace("value: 100", "value: " + (i == 10 ? 100 : 100 + i))
                    .replace("op: \"<\"", i == 10 ? "op: \">=\"" : "op: \"<\"");
            policies.put(id, Policies.parse(id + ".yaml", yaml.getBytes(StandardCharsets.UTF_8)));
        }
        var active = new Policies.Active(policies, RuleSetCompiler.compile("policies", Policies.sources(Path.of("rules"), Path.of("policy-data/policies"), policies)));

        assertEquals(List.of("R-0", "R-1"), eligible(active, 99, "R-0", "R-1", "R-10"));
        assertEquals(List.of("R-1", "R-10"), eligible(active, 100, "R-0", "R-1", "R-10"));
    }

    /** Which of {@code ids} an enterprise in the park with {@code staff} insured staff is eligible for. */
    private static List<String> eligible(Policies.Active active, int staff, String... ids) {
        var input = new EnterpriseInput("测试", "A", "A", List.of(), null, "510107", "CD-GXQ", "I6513", LocalDate.of(2024, 3, 1),
                staff, null, null, null, null, null, null, List.of(), Map.of());
        MatchResult r = Matcher.match(active, List.of(Subjects.of("U", input)), LocalDate.of(2026, 6, 1), null).get("U");
        return r.eligible().stream().map(MatchResult.Eligible::policyId).filter(List.of(ids)::contains).sorted().toList();
    }
}
