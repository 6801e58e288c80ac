package cn.zhiban.bench;

import cn.zhiban.matching.Matcher;
import cn.zhiban.matching.Policies;
import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.matching.PopulationScan;
import cn.zhiban.matching.Screening;
import cn.zhiban.matching.ScreeningSink;
import cn.zhiban.matching.Subjects;
import cn.zhiban.matching.facts.Candidate;
import cn.zhiban.rules.RuleSource;
import cn.zhiban.scale.EnterpriseGenerator;
import cn.zhiban.scale.PolicyGenerator;
import cn.zhiban.startup.EmbeddedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scale benchmark (not part of the test run): {@code mvn -q test-compile exec:java@bench-scale}.
 * Generates seeded populations into an embedded PostgreSQL with COPY and seeded policy sets from the real
 * policies, then measures, side by side in one run: the whole-population evaluation from PostgreSQL (every
 * enterprise × every policy, aggregated); evaluation alone, in memory, against the same policies as plain
 * Java predicates and in Easy Rules 4.1; and re-matching one enterprise. Writes docs/benchmarks-scale.md.
 */
public final class ScaleBench {
    private static final LocalDate AS_OF = EnterpriseGenerator.AS_OF;
    private static final long SEED = 42;
    private static final Path REPORT = Path.of("docs/benchmarks-scale.md");

    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.asTheServiceDoes();
        // Each case is <enterprises>x<policies>, run in the order given (populations only grow: rows are added, not reloaded).
        List<long[]> cases = Arrays.stream((args.length > 0 ? args[0] : "100000x100,100000x1000,1000000x100,1000000x1000").split(","))
                .map(c -> Arrays.stream(c.split("x")).mapToLong(Long::parseLong).toArray()).toList();
        long[] populations = cases.stream().mapToLong(c -> c[0]).distinct().sorted().toArray();
        int[] policyCounts = cases.stream().mapToInt(c -> (int) c[1]).distinct().sorted().toArray();
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder report = new StringBuilder("# Scale benchmarks\n\n");
        List<String> targets = new ArrayList<>();
        // Notes written by hand under the marker survive the run (read now: the report is rewritten as figures come in).
        String kept = HandNotes.of(REPORT);
        report.append("Command: `mvn -q test-compile exec:java@bench-scale -Dexec.args=").append(args.length > 0 ? args[0] : "")
                .append("` (cases enterprises×policies: ").append(cases.stream().map(c -> c[0] + "×" + c[1]).toList()).append("). Run ").append(ZonedDateTime.now().withNano(0))
                .append(" on ").append(cores).append(" cores, Java ").append(System.getProperty("java.version")).append(", heap ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MB, embedded PostgreSQL 14. Seeds: enterprises ")
                .append(SEED).append(", policies ").append(SEED).append(". As of ").append(AS_OF).append(".\n\n");

        Map<String, PolicyDefinition> real = Policies.read(Path.of("policy-data/policies"));
        List<RuleSource> derivations = new ArrayList<>(RuleSource.folder(Path.of("rules/enterprise"), "rules/enterprise/"));
        derivations.addAll(RuleSource.folder(Path.of("rules/policies"), "rules/policies/"));
        PolicyGenerator policyGenerator = new PolicyGenerator(SEED, real);
        EnterpriseGenerator enterprises = new EnterpriseGenerator(SEED);

        Map<Integer, Screening> screenings = new LinkedHashMap<>();
        report.append("## Compiling the screening form\n\n| policies | rules | compile |\n|---|---|---|\n");
        for (int count : policyCounts) {
            List<PolicyDefinition> policies = policyGenerator.generate(count).values().stream()
                    .filter(p -> p.effectiveOn(AS_OF)).toList();
            long t0 = System.nanoTime();
            Screening screening = Screening.of(derivations, policies, "bench-" + count);
            double seconds = (System.nanoTime() - t0) / 1e9;
            screenings.put(count, screening);
            report.append("| ").append(count).append(" generated (").append(policies.size()).append(" in force) | ")
                    .append(screening.ruleCount()).append(" | ").append(String.format("%.1f s", seconds)).append(" |\n");
            System.out.printf("compiled %d policies in %.1f s%n", count, seconds);
        }

        Path dataDir = Path.of("target/bench-postgres");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true).start()) {
            DataSource ds = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            report.append("\n## Whole-population evaluation from PostgreSQL (every enterprise × every policy in force, aggregated)\n\n")
                    .append("Streams the rows with one cursor, derives size classes and screens on ").append(cores)
                    .append(" threads in chunks of 5,000; nothing is stored per pair. *Read only* is the floor: the same cursor and row parsing, no rules.\n\n")
                    .append("| enterprises | policies | load (COPY) | read only | evaluation | enterprises/s | eligible pairs | total amount (yuan) |\n|---|---|---|---|---|---|---|---|\n");
            long loaded = 0;
            for (long population : populations) {
                long t0 = System.nanoTime();
                try (Connection c = ds.getConnection()) {
                    enterprises.copyInto(c, loaded, population - loaded);
                    c.createStatement().execute("analyze enterprise");
                }
                double load = (System.nanoTime() - t0) / 1e9;
                loaded = population;
                System.out.printf("loaded %d enterprises in %.1f s%n", population, load);
                // The floor: the same cursor and row parsing with no rules at all.
                long t1 = System.nanoTime();
                PopulationScan.run(ds, List.of(), AS_OF, null, 5_000, cores, chunk -> {
                });
                double read = (System.nanoTime() - t1) / 1e9;
                for (int count : policyCounts) {
                    if (cases.stream().noneMatch(c -> c[0] == population && c[1] == count)) {
                        continue;
                    }
                    long[] pairs = {0};
                    BigDecimal[] total = {BigDecimal.ZERO};
                    long t2 = System.nanoTime();
                    PopulationScan.run(ds, screenings.get(count), AS_OF, null, 5_000, cores, chunk -> {
                        pairs[0] += chunk.hits().size();
                        for (PopulationScan.Hit hit : chunk.hits()) {
                            total[0] = total[0].add(hit.amount());
                        }
                    });
                    double seconds = (System.nanoTime() - t2) / 1e9;
                    report.append(String.format("| %,d | %d | %.1f s | %.1f s | %.1f s | %,.0f | %,d | %,.2f |%n", population, count, load, read, seconds,
                            population / seconds, pairs[0], total[0]));
                    System.out.printf("%d × %d: %.1f s (read only %.1f s)%n", population, count, seconds, read);
                    if (population == 1_000_000 && count == 1000) {
                        targets.add(verdict("1,000,000 × 1,000 from PostgreSQL ≤ 30 s", seconds <= 30,
                                String.format("%.1f s (%.1f× the target; reading alone %.1f s)", seconds, seconds / 30, read)));
                    }
                    write(report);
                }
            }
        }

        // Evaluation alone, in memory, single thread: the same candidates (sizes derived) through each engine.
        int inMemory = 20_000;
        List<Matcher.Subject> subjects = new ArrayList<>();
        for (long i = 0; i < inMemory; i++) {
            EnterpriseGenerator.Generated g = enterprises.enterprise(i);
            subjects.add(Subjects.of(g.uscc(), g.profile()));
        }
        report.append("\n## Evaluation alone, in memory, one thread (").append(String.format("%,d", inMemory))
                .append(" enterprises, size classes already derived)\n\n")
                .append("| policies | Zhiban (Drools screening) | plain Java predicates | Easy Rules 4.1 (MVEL) | Zhiban ÷ Java time | Easy Rules ÷ Zhiban time |\n|---|---|---|---|---|---|\n");
        for (var entry : screenings.entrySet()) {
            Screening screening = entry.getValue();
            write(report);
            List<Candidate> candidates = screening.candidates(subjects, AS_OF);
            JavaPredicates java = JavaPredicates.compile(screening.policies());
            EasyRulesPolicies easy = EasyRulesPolicies.compile(screening.policies());
            double drools = rate(candidates, candidates.size(), c -> screening.screen(c, counting()));
            double plain = rate(candidates, candidates.size(), c -> java.screen(c, counting()));
            int easySample = Math.min(candidates.size(), entry.getKey() >= 1000 ? 2_000 : 10_000);
            double easyRate = rate(candidates.subList(0, easySample), easySample, c -> easy.screen(c, counting()));
            report.append(String.format("| %d | %,.0f /s | %,.0f /s | %,.0f /s | %.1f | %.1f |%n", entry.getKey(), drools, plain, easyRate,
                    plain / drools, drools / easyRate));
            System.out.printf("in memory × %d: drools %.0f/s java %.0f/s easy %.0f/s%n", entry.getKey(), drools, plain, easyRate);
            targets.add(verdict(entry.getKey() + " policies: evaluation within 2× of hand-written Java", plain / drools <= 2,
                    String.format("%.2f× Java's time", plain / drools)));
            targets.add(verdict(entry.getKey() + " policies: at least 10× faster than Easy Rules", drools / easyRate >= 10,
                    String.format("%.1f× faster", drools / easyRate)));
        }

        // Re-matching one enterprise (its profile changed) against every policy in force.
        report.append("\n## Re-matching one enterprise against every policy in force (screening form, size derived, one thread)\n\n")
                .append("| policies | median | p99 |\n|---|---|---|\n");
        for (var entry : screenings.entrySet()) {
            Screening screening = entry.getValue();
            long[] times = new long[3_000];
            for (int i = 0; i < 5_000 + times.length; i++) {
                Matcher.Subject one = subjects.get(i % subjects.size());
                long t0 = System.nanoTime();
                screening.screen(List.of(one), AS_OF, counting());
                if (i >= 5_000) {
                    times[i - 5_000] = System.nanoTime() - t0;
                }
            }
            Arrays.sort(times);
            double median = times[times.length / 2] / 1e3;
            double p99 = times[times.length * 99 / 100] / 1e3;
            report.append(String.format("| %d | %.0f µs | %.0f µs |%n", entry.getKey(), median, p99));
            if (entry.getKey() == 1000) {
                targets.add(verdict("one enterprise × 1,000 policies ≤ 1 ms", p99 <= 1000,
                        String.format("median %.0f µs, p99 %.0f µs", median, p99)));
            }
        }

        report.append("\n## Against issue 6's targets\n\n| target | result |\n|---|---|\n");
        targets.forEach(report::append);
        report.append("\n");
        HandNotes.append(report, kept);
        write(report);
        System.out.println(report);
    }

    private static String verdict(String target, boolean met, String figure) {
        return "| " + target + " | " + (met ? "met: " : "**missed**: ") + figure + " |\n";
    }

    /** The report so far: a long run that is stopped still leaves what it measured. */
    private static void write(StringBuilder report) throws java.io.IOException {
        Files.createDirectories(Path.of("docs"));
        Files.writeString(REPORT, report);
    }

    private static ScreeningSink counting() {
        return (policy, candidate, amount) -> {
        };
    }

    /** Enterprises per second, best of 5 timed rounds after 2 warm-up rounds. */
    private static double rate(List<Candidate> candidates, int n, java.util.function.Consumer<List<Candidate>> engine) {
        double best = 0;
        for (int round = 0; round < 7; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < candidates.size(); i += 5_000) {
                engine.accept(candidates.subList(i, Math.min(candidates.size(), i + 5_000)));
            }
            double r = n / ((System.nanoTime() - t0) / 1e9);
            if (round >= 2) {
                best = Math.max(best, r);
            }
        }
        return best;
    }
}
