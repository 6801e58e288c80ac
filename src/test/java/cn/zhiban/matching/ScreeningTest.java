package cn.zhiban.matching;

import cn.zhiban.matching.facts.Candidate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The screening form (populations) must find exactly the enterprises and amounts the explaining form
 * (one enterprise, per condition) finds: every real and test policy, seeded random profiles that hit the
 * thresholds, unknown fields, qualifications and listings, on several dates.
 */
class ScreeningTest {
    private static Policies.Active active;

    @BeforeAll
    static void compile() {
        active = PolicyFiles.active(PolicyFiles.REAL, PolicyFiles.TEST);
    }

    @Test
    void screeningFindsWhatTheExplainingMatcherFinds() {
        List<Matcher.Subject> subjects = RandomProfiles.subjects(new SplittableRandom(20261123), 1_500);
        int eligiblePairs = 0;
        for (LocalDate asOf : List.of(LocalDate.of(2025, 7, 1), LocalDate.of(2026, 6, 30), LocalDate.of(2026, 11, 23))) {
            Map<String, Map<String, BigDecimal>> explained = new TreeMap<>();
            Map<String, List<MatchResult.BreakdownLine>> explainedLines = new HashMap<>();
            Matcher.match(active, subjects, asOf, null).forEach((uscc, result) -> result.eligible().forEach(e -> {
                explained.computeIfAbsent(uscc, k -> new TreeMap<>()).put(e.policyId(), e.amount());
                explainedLines.put(uscc + "/" + e.policyId(), e.breakdown());
            }));

            Screening screening = active.screening(active.inForce(asOf, null));
            Map<String, Map<String, BigDecimal>> screened = new TreeMap<>();
            Map<String, List<MatchResult.BreakdownLine>> screenedLines = new HashMap<>();
            screening.screen(subjects, asOf, new ScreeningSink() {
                @Override
                public void eligible(int policy, Candidate candidate, BigDecimal amount) {
                    screened.computeIfAbsent(candidate.getUscc(), k -> new TreeMap<>()).put(screening.policies().get(policy).id(), amount);
                }

                @Override
                public void eligible(int policy, Candidate candidate, String cap, int[] lines, BigDecimal[] amounts) {
                    ScreeningSink.super.eligible(policy, candidate, cap, lines, amounts);
                    screenedLines.put(candidate.getUscc() + "/" + screening.policies().get(policy).id(),
                            Matcher.breakdown(screening.policies().get(policy), lines, amounts));
                }
            });

            PolicyFiles.assertSameFindings(explained, screened, "as of " + asOf);
            assertEquals(explainedLines, screenedLines, "breakdowns as of " + asOf);
            eligiblePairs += explained.values().stream().mapToInt(Map::size).sum();
        }
        // The profiles must make the comparison meaningful: many eligible pairs over many policies.
        assertTrue(eligiblePairs > 2_000, "eligible pairs: " + eligiblePairs);
    }

    @Test
    void onePolicyAloneScreensAsInTheFullSet() {
        List<Matcher.Subject> subjects = RandomProfiles.subjects(new SplittableRandom(7), 1_000);
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        Map<String, BigDecimal> all = new HashMap<>();
        Screening full = active.screening(active.inForce(asOf, null));
        full.screen(subjects, asOf, (p, c, amount) -> {
            if (full.policies().get(p).id().equals("N-WGFH-2026")) {
                all.put(c.getUscc(), amount);
            }
        });
        Map<String, BigDecimal> alone = new HashMap<>();
        active.screening(active.inForce(asOf, "N-WGFH-2026")).screen(subjects, asOf, (p, c, amount) -> alone.put(c.getUscc(), amount));
        PolicyFiles.assertSameFindings(new TreeMap<>(Map.of("N-WGFH-2026", all)), new TreeMap<>(Map.of("N-WGFH-2026", alone)), "alone");
        assertTrue(alone.size() > 50, "eligible: " + alone.size());
    }
}
