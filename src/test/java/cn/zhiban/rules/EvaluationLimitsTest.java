package cn.zhiban.rules;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Drools, DRL compiled as uploads are: runaway sessions are stopped and the pool stays usable. */
public class EvaluationLimitsTest {

    /**
     * Only what uploads may use (the sandbox refuses anything else before it builds): given the fact "loop", a
     * fact deleted and re-inserted forever, which no machine finishes, so only a limit ends it; otherwise each
     * String gives its length.
     */
    private static final String RUNAWAY = """
            package limits;
            import cn.zhiban.acceptance.facts.Relief;
            rule "开始"
            when
                String(this == "loop")
                not Relief()
            then
                insert(new Relief("MATERIAL_PLEDGE"));
            end
            rule "计数器"
            when
                $r : Relief(code == "MATERIAL_PLEDGE")
            then
                delete($r);
                insert(new Relief("MATERIAL_PLEDGE"));
            end
            rule "长度"
            when
                $s : String()
            then
                insert(Integer.valueOf($s.length()));
            end
            """;

    private static CompiledRuleSet compile(String drl) {
        return RuleSetCompiler.compile("limits", List.of(new RuleSource("rules/limits/test.drl", false, drl.getBytes(StandardCharsets.UTF_8))));
    }

    @AfterEach
    void restoreLimits() {
        EvaluationLimits.use(EvaluationLimits.DEFAULTS);
    }

    @Test
    void aSelfReactivatingRuleIsStoppedByTheFiringLimitAndThePoolStaysUsable() {
        CompiledRuleSet rules = compile(RUNAWAY);
        EvaluationLimits.use(new EvaluationLimits(500, 0, Duration.ofMinutes(1), Duration.ZERO));
        for (int i = 0; i < 3; i++) {   // the same pooled session comes back reset each time
            RuleEvaluationLimitException e = assertThrows(RuleEvaluationLimitException.class, () -> rules.evaluate(List.of("loop"), Map.of()));
            assertEquals(RuleEvaluationLimitException.Kind.FIRINGS, e.kind());
            assertEquals("计数器", e.rule());
            assertTrue(e.firings() > 500, "firings: " + e.firings());
            assertEquals(rules.version(), e.version());
            assertTrue(e.getMessage().contains("规则 计数器 在一次评估中触发超过 500 次"), e.getMessage());
        }
        // An honest evaluation on the same pool: no halt, agenda or facts left over
        assertEquals(List.of(5), rules.evaluate(List.of("abcde"), Map.of()));
    }

    @Test
    void batchesGetABudgetPerFactAndAreStoppedToo() {
        CompiledRuleSet rules = compile(RUNAWAY);
        EvaluationLimits.use(new EvaluationLimits(10, 20, Duration.ofMinutes(1), Duration.ZERO));
        List<String> facts = new ArrayList<>();
        facts.add("loop");
        for (int i = 0; i < 99; i++) {
            facts.add("x".repeat(i));
        }
        RuleEvaluationLimitException e = assertThrows(RuleEvaluationLimitException.class, () -> rules.run(facts, Map.of()));
        assertEquals(2_000, e.limit());
        assertTrue(e.firings() > 2_000, "firings: " + e.firings());
    }

    @Test
    void anEvaluationPastItsDeadlineIsHaltedBetweenFirings() {
        CompiledRuleSet rules = compile(RUNAWAY);
        // No firing limit to speak of: the session never ends by itself, so only the deadline can stop it.
        EvaluationLimits.use(new EvaluationLimits(Long.MAX_VALUE / 4, 0, Duration.ofMillis(200), Duration.ZERO));
        for (int i = 0; i < 2; i++) {
            RuleEvaluationLimitException e = assertThrows(RuleEvaluationLimitException.class, () -> rules.evaluate(List.of("loop"), Map.of()));
            assertEquals(RuleEvaluationLimitException.Kind.TIME, e.kind());
            assertTrue(e.elapsed().toMillis() >= 200, e.elapsed().toString());
            assertTrue(e.getMessage().contains("的一次评估超过 200 毫秒仍未结束"), e.getMessage());
        }
        // the pooled session was handed back reset: honest evaluations run to the end, un-halted
        assertEquals(List.of(3, 1), rules.evaluate(List.of("abc", "d"), Map.of()));
        EvaluationLimits.use(EvaluationLimits.DEFAULTS);
        assertEquals(List.of(2), rules.evaluate(List.of("ab"), Map.of()));
    }

    @Test
    void limitsAreNotAppliedToHonestEvaluations() {
        CompiledRuleSet rules = compile(RUNAWAY);
        List<Object> derived = rules.evaluate(List.of("a", "bb", "ccc"), Map.of());
        assertEquals(List.of(1, 2, 3), derived.stream().sorted().toList());
    }
}
