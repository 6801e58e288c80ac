package cn.zhiban.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JMH command (not part of the test run): {@code mvn -q test-compile exec:exec@jmh}, about
 * 2–3 minutes. Runs {@link AcceptanceDecisionJmh} and writes docs/benchmarks-jmh.md: the machine,
 * the load, median and p99 of one decision, its ratio to the floor measured in the same run, and
 * issue 6's target. Text below the {@link HandNotes} marker of that file is kept.
 */
public final class JmhBench {
    static final double TARGET_MEDIAN_MICROS = 50;
    private static final Path REPORT = Path.of("docs", "benchmarks-jmh.md");

    private JmhBench() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        String loadBefore = load();
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(AcceptanceDecisionJmh.class.getName())
                .jvmArgsPrepend("-Dzhiban.root=" + Path.of("").toAbsolutePath())
                .build()).run();
        String loadAfter = load();

        // benchmark → params → result
        Map<String, Map<String, RunResult>> byParams = new TreeMap<>(Comparator.reverseOrder());  // tuning=on first
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            List<String> params = new ArrayList<>();
            for (String key : r.getParams().getParamsKeys()) {
                params.add(key + "=" + r.getParams().getParam(key));
            }
            byParams.computeIfAbsent(String.join(", ", params), k -> new LinkedHashMap<>()).put(method, r);
        }

        StringBuilder out = new StringBuilder();
        RunResult any = results.iterator().next();
        Map<String, String> settings = new TreeMap<>();
        for (RunResult r : results) {
            var p = r.getParams();
            settings.put(p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1),
                    p.getWarmup().getCount() + " × " + p.getWarmup().getTime() + " warm-up, "
                            + p.getMeasurement().getCount() + " × " + p.getMeasurement().getTime() + " measured");
        }
        List<String> timing = new ArrayList<>();
        settings.forEach((method, text) -> timing.add(method + " " + text));
        out.append("# JMH: one acceptance decision in-process\n\n")
                .append("Command: `mvn -q test-compile exec:exec@jmh`. Run ").append(ZonedDateTime.now().withNano(0))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(cpu()).append("), Java ")
                .append(System.getProperty("java.version")).append(", JMH ").append(any.getParams().getJmhVersion())
                .append(", single thread, ").append(any.getParams().getForks()).append(" fork per benchmark and parameter (")
                .append(String.join("; ", timing)).append("), JVM options ")
                .append(String.join(" ", any.getParams().getJvmArgs().stream().filter(a -> !a.startsWith("-Dzhiban.root")).toList()))
                .append(". Load average (1, 5, 15 min) before: ").append(loadBefore).append("; after: ").append(loadAfter)
                .append(" (a load above the number of cores means the benchmark shared them with other work; p99 suffers first). ")
                .append("Every ratio below is between figures of this run.\n\n")
                .append("`decide` is `AcceptanceEngine.decide` as the REST decision path calls it (facts, rules, answer with its reasons) over ")
                .append(AcceptanceDecisionJmh.CASES).append(" seeded, varied applications in turn (all catalogue items, credit grades A–D and unknown, ")
                .append("materials submitted, pledged or missing, site-inspection pledges). `floor` inserts the same facts into a session of the ")
                .append("same rules and lets no rule fire. `tuning=on` is how the service runs (an immutable rule base; sessions from a pool of it, ")
                .append("reset after use); `tuning=off` is Drools' defaults, as before (a mutable rule base, a new session per evaluation). ")
                .append("Each invocation is timed (JMH sample time).\n\n")
                .append("| benchmark | median | p99 | p99.9 | samples | median ÷ floor median |\n|---|---|---|---|---|---|\n");
        List<String> verdicts = new ArrayList<>();
        byParams.forEach((params, methods) -> {
            RunResult floor = methods.get("floor");
            methods.forEach((method, r) -> {
                var s = r.getPrimaryResult().getStatistics();
                out.append("| ").append(method).append(params.isEmpty() ? "" : " (" + params + ")").append(" | ")
                        .append(micros(s.getPercentile(50))).append(" | ").append(micros(s.getPercentile(99))).append(" | ")
                        .append(micros(s.getPercentile(99.9))).append(" | ").append(s.getN()).append(" | ")
                        .append(floor == null ? "" : String.format("%.2f", s.getPercentile(50) / median(floor)))
                        .append(" |\n");
            });
            RunResult decide = methods.get("decide");
            if (decide != null) {
                double median = median(decide);
                verdicts.add((params.isEmpty() ? "" : params + ": ") + (median <= TARGET_MEDIAN_MICROS
                        ? "met (" + micros(median) + ")"
                        : String.format("missed by %.1f µs (%s, %.2f× the target)", median - TARGET_MEDIAN_MICROS, micros(median), median / TARGET_MEDIAN_MICROS)));
            }
        });
        Map<String, RunResult> on = byParams.get("tuning=on");
        Map<String, RunResult> off = byParams.get("tuning=off");
        if (on != null && off != null) {
            out.append("\nTuned against Drools' defaults, median: ");
            List<String> ratios = new ArrayList<>();
            on.forEach((method, r) -> ratios.add(method + " " + String.format("%.2f", median(r) / median(off.get(method)))));
            out.append(String.join(", ", ratios)).append(" (on ÷ off).\n");
        }
        out.append("\nIssue 6 target: median ≤ ").append(micros(TARGET_MEDIAN_MICROS)).append(" per decision. ")
                .append(String.join("; ", verdicts)).append(".\n\n");
        HandNotes.append(out, HandNotes.of(REPORT));
        Files.writeString(REPORT, out.toString());
        System.out.println(out);
    }

    private static double median(RunResult r) {
        return r.getPrimaryResult().getStatistics().getPercentile(50);
    }

    private static String micros(double value) {
        return String.format("%.1f µs", value);
    }

    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("CPU unknown");
        } catch (IOException | RuntimeException e) {
            return "CPU unknown";
        }
    }
}
