package cn.zhiban.rules;

import org.drools.core.common.InternalAgenda;
import org.drools.core.common.InternalWorkingMemoryActions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.rule.RuleContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Drools, DRL compiled directly (no upload checks): runaway sessions are stopped and the pool stays usable. */
public class EvaluationLimitsTest {

    /** A fact whose method blocks until the watchdog has halted its session: a slow consequence, without timing races. */
    public static final class Gate {
        public void pass(RuleContext context) {
            // halt() marks the agenda not firing at once; the engine notices after this consequence returns
            InternalAgenda agenda = ((InternalWorkingMemoryActions) context.getKieRuntime()).getAgenda();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(5)).until(() -> !agenda.isFiring());
        }
    }

    private static final String RUNAWAY = """
            package limits;
            declare Counter
                n : int
            end
            rule "开始"
            when
                not Counter()
            then
                insert(new Counter());
            end
            rule "计数器"
            when
                $c : Counter(n >= 0)   // constrains n: property reactivity re-activates on every modify
            then
                modify($c) { setN($c.getN() + 1) }
            end
            rule "长度"
            when
                $s : String()
            then
                insert(Integer.valueOf($s.length()));
            end
            """;

    private static final String SLOW = """
            package limits;
            import cn.zhiban.rules.EvaluationLimitsTest.Gate;
            rule "慢规则"
            when
                $g : Gate()
            then
                $g.pass(kcontext);
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
            RuleEvaluationLimitException e = assertThrows(RuleEvaluationLimitException.class, () -> rules.evaluate(List.of(), Map.of()));
            assertEquals(RuleEvaluationLimitException.Kind.FIRINGS, e.kind());
            assertEquals("计数器", e.rule());
            assertTrue(e.firings() > 500, "firings: " + e.firings());
            assertEquals(rules.version(), e.version());
            assertTrue(e.getMessage().contains("规则 计数器 在一次评估中触发超过 500 次"), e.getMessage());
        }
        // An honest evaluation on the same pool: no halt or agenda left over (the counter rule still starts, so allow it)
        EvaluationLimits.use(EvaluationLimits.DEFAULTS);
        CompiledRuleSet honest = compile(SLOW);
        assertEquals(List.of(5), honest.evaluate(List.of("abcde"), Map.of()));
    }

    @Test
    void batchesGetABudgetPerFactAndAreStoppedToo() {
        CompiledRuleSet rules = compile(RUNAWAY);
        EvaluationLimits.use(new EvaluationLimits(10, 20, Duration.ofMinutes(1), Duration.ZERO));
        List<String> facts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            facts.add("x".repeat(i));
        }
        RuleEvaluationLimitException e = assertThrows(RuleEvaluationLimitException.class, () -> rules.run(facts, Map.of()));
        assertEquals(2_000, e.limit());
        assertTrue(e.firings() > 2_000, "firings: " + e.firings());
    }

    @Test
    void aSlowConsequenceIsHaltedAtTheDeadlineBetweenFirings() {
        CompiledRuleSet rules = compile(SLOW);
        EvaluationLimits.use(new EvaluationLimits(10_000, 0, Duration.ofMillis(200), Duration.ZERO));
        for (int i = 0; i < 2; i++) {
            RuleEvaluationLimitException e = assertThrows(RuleEvaluationLimitException.class,
                    () -> rules.evaluate(List.of(new Gate(), new Gate(), new Gate()), Map.of()));
            assertEquals(RuleEvaluationLimitException.Kind.TIME, e.kind());
            assertEquals("慢规则", e.rule());
            assertEquals(1, e.firings(), "halted after the first slow firing, not after all three");
            assertTrue(e.elapsed().toMillis() >= 200, e.elapsed().toString());
            assertTrue(e.getMessage().startsWith("规则 慢规则 的一次评估超过 200 毫秒仍未结束"), e.getMessage());
        }
        // the pooled session was handed back reset: honest evaluations run to the end, un-halted
        assertEquals(List.of(3, 1), rules.evaluate(List.of("abc", "d"), Map.of()));
        EvaluationLimits.use(EvaluationLimits.DEFAULTS);
        assertEquals(List.of(2), rules.evaluate(List.of("ab"), Map.of()));
    }

    @Test
    void limitsAreNotAppliedToHonestEvaluations() {
        CompiledRuleSet rules = compile(SLOW);
        List<Object> derived = rules.evaluate(List.of("a", "bb", "ccc"), Map.of());
        assertEquals(List.of(1, 2, 3), derived.stream().sorted().toList());
    }
}
