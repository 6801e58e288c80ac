package cn.zhiban.bench;

import cn.zhiban.matching.Matcher;
import cn.zhiban.matching.Policies;
import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.matching.PolicyFiles;
import cn.zhiban.matching.RandomProfiles;
import cn.zhiban.matching.Screening;
import cn.zhiban.matching.ScreeningSink;
import cn.zhiban.matching.facts.Candidate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Rough batch-screening throughput, single thread, warm (median of 7 rounds after 3): Zhiban's screening form against
 * the same policies as plain Java predicates and as Easy Rules MVEL rules, all on the same candidates with their size
 * classes already derived (answers checked equal by {@link BaselinesAgreeTest}); the derivation is timed apart.
 * Not part of the test run: {@code mvn -q test-compile exec:java -Dexec.mainClass=cn.zhiban.bench.BaselinesBench
 * -Dexec.classpathScope=test [-Dexec.args=50000]}.
 */
public final class BaselinesBench {
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    private static final int WARM_UP = 3;
    private static final int ROUNDS = 7;

    private BaselinesBench() {
    }

    public static void main(String[] args) {
        BenchLogging.asTheServiceDoes();
        // Outside Quarkus nothing configures logging and every DEBUG message (Easy Rules logs several per fire) is formatted.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Policies.Active active = PolicyFiles.active(PolicyFiles.REAL);
        List<PolicyDefinition> policies = active.inForce(AS_OF, null);
        Screening screening = active.screening(policies);
        List<Matcher.Subject> subjects = RandomProfiles.subjects(new SplittableRandom(20260630), size);
        List<Candidate> candidates = screening.candidates(subjects, AS_OF);
        JavaPredicates java = JavaPredicates.compile(policies);
        EasyRulesPolicies easyRules = EasyRulesPolicies.compile(policies);
        System.out.printf("%d enterprises, %d policies in force on %s, Java %s, single thread%n", size, policies.size(), AS_OF, System.getProperty("java.version"));

        String zhiban = "Zhiban screening rules (Drools, one session)", plain = "Java predicates", easy = "Easy Rules 4.1, MVEL rules",
                sizes = "(Zhiban size derivation and candidates, before any of these)";
        Map<String, Consumer<ScreeningSink>> engines = new LinkedHashMap<>();
        engines.put(zhiban, sink -> screening.screen(candidates, sink));
        engines.put(plain, sink -> java.screen(candidates, sink));
        engines.put(easy, sink -> easyRules.screen(candidates, sink));
        engines.put(sizes, sink -> screening.candidates(subjects, AS_OF));
        Map<String, long[]> nanos = new LinkedHashMap<>();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        engines.keySet().forEach(name -> nanos.put(name, new long[ROUNDS]));
        for (int round = -WARM_UP; round < ROUNDS; round++) {
            // Each round runs every engine once, so the load of a shared machine falls on all of them alike.
            for (var engine : engines.entrySet()) {
                Tally tally = new Tally();
                long start = System.nanoTime();
                engine.getValue().accept(tally);
                long took = System.nanoTime() - start;
                if (round >= 0) {
                    nanos.get(engine.getKey())[round] = took;
                    tallies.put(engine.getKey(), tally);
                }
            }
        }
        Map<String, Double> perSecond = new LinkedHashMap<>();
        nanos.forEach((name, n) -> {
            perSecond.put(name, size / median(n));
            System.out.printf("%-62s %,10.0f enterprises/s  (%,d pairs, %s yuan)%n", name, perSecond.get(name),
                    tallies.get(name).pairs, tallies.get(name).total.toPlainString());
        });
        System.out.printf("Zhiban with its size derivation: %,.0f enterprises/s%n", 1 / (1 / perSecond.get(zhiban) + 1 / perSecond.get(sizes)));
        System.out.printf("Java predicates / Zhiban: %.1f; Zhiban / Easy Rules: %.1f%n",
                perSecond.get(plain) / perSecond.get(zhiban), perSecond.get(zhiban) / perSecond.get(easy));
    }

    /** Median seconds. */
    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e9;
    }

    private static final class Tally implements ScreeningSink {
        int pairs;
        BigDecimal total = BigDecimal.ZERO;

        @Override
        public void eligible(int policy, Candidate candidate, BigDecimal amount) {
            pairs++;
            total = total.add(amount);
        }
    }
}
