package cn.zhiban.bench;

import cn.zhiban.matching.Matcher;
import cn.zhiban.matching.Policies;
import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.matching.PolicyFiles;
import cn.zhiban.matching.RandomProfiles;
import cn.zhiban.matching.Screening;
import cn.zhiban.matching.ScreeningSink;
import cn.zhiban.matching.facts.Candidate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's baselines answer exactly as Zhiban's screening form: the policies as plain Java predicates and
 * as Easy Rules MVEL rules find the same enterprises, policies and amounts on seeded random profiles (unknown
 * fields, qualifications, listings, thresholds), every real and test policy, on two dates.
 */
class BaselinesAgreeTest {
    private static Policies.Active active;

    @BeforeAll
    static void compile() {
        active = PolicyFiles.active(PolicyFiles.REAL, PolicyFiles.TEST);
    }

    @Test
    void javaPredicatesAndEasyRulesFindWhatTheScreeningRulesFind() {
        List<Matcher.Subject> subjects = RandomProfiles.subjects(new SplittableRandom(20261124), 1_500);
        int eligiblePairs = 0;
        for (LocalDate asOf : List.of(LocalDate.of(2025, 7, 1), LocalDate.of(2026, 6, 30))) {
            List<PolicyDefinition> policies = active.inForce(asOf, null);
            Screening screening = active.screening(policies);
            Map<String, Map<String, BigDecimal>> drools = collect(policies, sink -> screening.screen(subjects, asOf, sink));
            List<Candidate> candidates = screening.candidates(subjects, asOf);
            JavaPredicates java = JavaPredicates.compile(policies);
            EasyRulesPolicies easyRules = EasyRulesPolicies.compile(policies);

            PolicyFiles.assertSameFindings(drools, collect(policies, sink -> java.screen(candidates, sink)), "Java predicates as of " + asOf);
            PolicyFiles.assertSameFindings(drools, collect(policies, sink -> easyRules.screen(candidates, sink)), "Easy Rules as of " + asOf);
            eligiblePairs += drools.values().stream().mapToInt(Map::size).sum();
        }
        assertTrue(eligiblePairs > 2_000, "eligible pairs: " + eligiblePairs);
    }

    /** enterprise → policy → amount, as one engine reports it. */
    private static Map<String, Map<String, BigDecimal>> collect(List<PolicyDefinition> policies, Consumer<ScreeningSink> engine) {
        Map<String, Map<String, BigDecimal>> found = new TreeMap<>();
        engine.accept((policy, candidate, amount) -> {
            BigDecimal previous = found.computeIfAbsent(candidate.getUscc(), k -> new TreeMap<>()).put(policies.get(policy).id(), amount);
            assertEquals(null, previous, "reported twice: " + policies.get(policy).id() + ", " + candidate.getUscc());
        });
        return found;
    }
}
