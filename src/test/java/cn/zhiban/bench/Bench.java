package cn.zhiban.bench;

import cn.zhiban.enterprise.EnterpriseInput;
import cn.zhiban.enterprise.Listing;
import cn.zhiban.matching.MatchResult;
import cn.zhiban.matching.Matcher;
import cn.zhiban.matching.Policies;
import cn.zhiban.matching.Subjects;
import cn.zhiban.rulesets.RuleSetKind;
import cn.zhiban.rulesets.Validator;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The bench command (not part of the test run): {@code mvn -q test-compile exec:java@bench}.
 * Measures, in one run and on the repository's rules (one acceptance decision has its own JMH
 * benchmark, {@link JmhBench}):
 * <ol>
 *   <li>matching a synthetic population against every policy, a batch session per 500 enterprises
 *       (as runs do) against one session per enterprise;</li>
 *   <li>one policy (稳岗返还 N-WGFH-2026) through Drools against the same policy hand-written in Java
 *       (the practical limit), checking both find the same enterprises and amounts.</li>
 * </ol>
 * Figures go to docs/benchmarks.md.
 */
public final class Bench {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 23);
    private static final String[] REGIONS = {"510104", "510105", "510106", "510107", "510108", "510703", "510704", "512002", "510603", "511702", "511325"};
    private static final String[] INDUSTRIES = {"C1391", "C3581", "C3981", "C2710", "I6513", "I6511", "F5131", "F5211", "E4710", "H6110", "G5430", "C3411"};

    private Bench() {
    }

    public static void main(String[] args) throws IOException {
        BenchLogging.asTheServiceDoes();
        int population = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path rules = Path.of("rules");
        Path data = Path.of("policy-data");
        var policies = compile(RuleSetKind.POLICIES, rules, data);
        StringBuilder report = new StringBuilder();
        report.append("# Benchmarks\n\n");
        report.append("Command: `mvn -q test-compile exec:java@bench` (population ").append(population).append("). Run ")
                .append(ZonedDateTime.now().withNano(0)).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(", heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB. Every comparison below was measured in this run. One acceptance decision in-process is measured with JMH: ")
                .append("[benchmarks-jmh.md](benchmarks-jmh.md) (`mvn -q test-compile exec:exec@jmh`).\n\n");

        // 1. Matching a population
        List<Matcher.Subject> subjects = population(population);
        Policies.Active active = new Policies.Active(policies.policies(), policies.compiled());
        int inForce = (int) policies.policies().values().stream().filter(p -> p.effectiveOn(AS_OF)).count();
        Matcher.match(active, subjects.subList(0, 2000), AS_OF, null);          // warm-up
        long batch = System.nanoTime();
        int eligible = 0;
        for (int from = 0; from < subjects.size(); from += 500) {
            for (MatchResult r : Matcher.match(active, subjects.subList(from, Math.min(from + 500, subjects.size())), AS_OF, null).values()) {
                eligible += r.eligible().size();
            }
        }
        batch = System.nanoTime() - batch;
        int single = Math.min(subjects.size(), 4000);
        long one = System.nanoTime();
        for (int i = 0; i < single; i++) {
            Matcher.match(active, List.of(subjects.get(i)), AS_OF, null);
        }
        one = System.nanoTime() - one;
        double batchRate = subjects.size() / (batch / 1e9);
        double oneRate = single / (one / 1e9);
        report.append("## Matching enterprises against every policy in force (").append(inForce).append(" policies, ")
                .append(policies.compiled().ruleCount()).append(" rules, single thread)\n\n")
                .append("| | enterprises | enterprises per second |\n|---|---|---|\n")
                .append("| batch: one session per 500 enterprises (as runs do) | ").append(subjects.size()).append(" | ").append(Math.round(batchRate)).append(" |\n")
                .append("| baseline: one session per enterprise (as GET …/matches does) | ").append(single).append(" | ").append(Math.round(oneRate)).append(" |\n")
                .append("\nRatio batch / per-enterprise: ").append(String.format("%.2f", batchRate / oneRate))
                .append("; eligible (enterprise, policy) pairs found: ").append(eligible)
                .append(". One enterprise × all policies: ").append(String.format("%.2f ms", 1000.0 / oneRate)).append(".\n\n");

        // 2. One policy: Drools vs hand-written Java
        String policy = "N-WGFH-2026";
        long drools = System.nanoTime();
        int droolsCount = 0;
        BigDecimal droolsSum = BigDecimal.ZERO;
        for (int from = 0; from < subjects.size(); from += 500) {
            for (MatchResult r : Matcher.match(active, subjects.subList(from, Math.min(from + 500, subjects.size())), AS_OF, policy).values()) {
                for (MatchResult.Eligible e : r.eligible()) {
                    droolsCount++;
                    droolsSum = droolsSum.add(e.amount());
                }
            }
        }
        drools = System.nanoTime() - drools;
        int javaCount = 0;
        BigDecimal javaSum = BigDecimal.ZERO;
        long java = System.nanoTime();
        for (int round = 0; round < 5; round++) {
            javaCount = 0;
            javaSum = BigDecimal.ZERO;
            for (Matcher.Subject s : subjects) {
                BigDecimal amount = HandWritten.jobStabilisationRefund(s, AS_OF);
                if (amount != null) {
                    javaCount++;
                    javaSum = javaSum.add(amount);
                }
            }
        }
        java = (System.nanoTime() - java) / 5;
        report.append("## One policy (").append(policy).append(", 稳岗返还): rules against hand-written Java\n\n")
                .append("| | eligible | total amount | enterprises per second |\n|---|---|---|---|\n")
                .append("| Zhiban (generated rules, batch sessions) | ").append(droolsCount).append(" | ").append(droolsSum.toPlainString()).append(" | ")
                .append(Math.round(subjects.size() / (drools / 1e9))).append(" |\n")
                .append("| hand-written Java predicate (practical limit) | ").append(javaCount).append(" | ").append(javaSum.toPlainString()).append(" | ")
                .append(Math.round(subjects.size() / (java / 1e9))).append(" |\n")
                .append("\nSame answer: ").append(droolsCount == javaCount && droolsSum.compareTo(javaSum) == 0 ? "yes" : "**NO**")
                .append(". Ratio Java / Zhiban throughput: ").append(String.format("%.1f", (double) drools / java))
                .append(". This is the explaining form (a fact per condition, so that every answer can say why), as GET …/matches uses it;"
                        + " population work (runs, simulations) uses the screening form, compared with hand-written Java and Easy Rules in"
                        + " [benchmarks-scale.md](benchmarks-scale.md).\n");

        Files.writeString(Path.of("docs", "benchmarks.md"), report.toString());
        System.out.println(report);
        if (droolsCount != javaCount || droolsSum.compareTo(javaSum) != 0) {
            System.exit(1);
        }
    }

    private static Validator.Result compile(RuleSetKind kind, Path rules, Path data) {
        var files = kind.fromRepository(rules, data);
        var result = Validator.validate(kind, files, kind.id + "@" + files.contentHash(), data);
        if (result.compiled() == null) {
            throw new IllegalStateException(kind.id + " does not validate: " + result.report().errors());
        }
        return result;
    }

    /** A seeded synthetic population with realistic spread and some unknown fields. */
    static List<Matcher.Subject> population(int size) {
        Random r = new Random(42);
        List<Matcher.Subject> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int staff = (int) Math.max(1, Math.round(Math.exp(r.nextGaussian() * 1.3 + 3.2)));
            BigDecimal revenue = BigDecimal.valueOf(Math.round(staff * Math.exp(r.nextGaussian() * 0.8 + 13))).setScale(2, RoundingMode.HALF_UP);
            var input = new EnterpriseInput("B" + i, r.nextInt(10) < 7 ? "A" : "B", "A",
                    r.nextInt(50) == 0 ? List.of(new Listing("DISHONEST_DEBTOR", LocalDate.of(2026, 2, 1), null)) : List.of(), null,
                    REGIONS[r.nextInt(REGIONS.length)], r.nextInt(3) == 0 ? "CD-GXQ" : null, r.nextInt(40) == 0 ? null : INDUSTRIES[r.nextInt(INDUSTRIES.length)],
                    LocalDate.of(2005 + r.nextInt(21), 1 + r.nextInt(12), 1 + r.nextInt(28)), r.nextInt(30) == 0 ? null : staff,
                    r.nextInt(30) == 0 ? null : revenue, null, revenue.multiply(new BigDecimal("0.03")).setScale(2, RoundingMode.HALF_UP),
                    r.nextInt(7) == 0 ? null : revenue.multiply(new BigDecimal("0.04")).setScale(2, RoundingMode.HALF_UP),
                    r.nextInt(10) == 0 ? null : BigDecimal.valueOf(staff * 1150L).setScale(2), r.nextInt(4),
                    List.of(), r.nextInt(8) == 0 ? Map.of() : Map.of("layoffRate", new BigDecimal(String.format("%.3f", r.nextDouble() * 0.12))));
            out.add(Subjects.of(String.format("91510100MA%08d", i), input));
        }
        return out;
    }
}
