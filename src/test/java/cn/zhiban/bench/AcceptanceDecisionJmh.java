package cn.zhiban.bench;

import cn.zhiban.acceptance.AcceptanceEngine;
import cn.zhiban.acceptance.DecisionAnswer;
import cn.zhiban.catalogue.Calendars;
import cn.zhiban.catalogue.WorkingDayCalendar;
import cn.zhiban.rules.CompiledRuleSet;
import cn.zhiban.rulesets.RuleSetKind;
import cn.zhiban.rulesets.Validator;
import org.kie.api.runtime.rule.AgendaFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One acceptance decision in-process, as {@code POST /api/v1/acceptance/decisions} makes it
 * ({@link AcceptanceEngine#decide}: facts, rules, answer with its reasons) on the repository's rules
 * compiled and validated as the service does, over {@value #CASES} varied applications in turn; and
 * its floor: the same facts inserted into a session of the same rules with no rule allowed to fire.
 * Every invocation is timed (sample time), so the report has the median and p99.
 * {@code tuning}: {@code on} as the service runs (immutable KieBase, pooled sessions), {@code off}
 * Drools' defaults as before (mutable KieBase, a new session per evaluation), both in the same run.
 * Run by {@link JmhBench}.
 *
 * <p>Logging is at INFO as in the service ({@link BenchLogging}): outside a started Quarkus application
 * the JBoss log manager otherwise enables every level, and Drools then formats and queues a trace of
 * every network evaluation (about 4× slower, 0.5 MB per decision).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 4)
@Measurement(iterations = 4, time = 3)
public class AcceptanceDecisionJmh {
    static final int CASES = 1000;
    private static final long SEED = 20261123;
    private static final AgendaFilter NO_RULE = match -> false;

    @Param({"on", "off"})
    public String tuning;

    private CompiledRuleSet rules;
    private WorkingDayCalendar calendar;
    private Map<String, Object> globals;
    private List<AcceptanceCase> cases;
    private int next;

    @Setup
    public void setUp() {
        BenchLogging.asTheServiceDoes();
        System.setProperty(CompiledRuleSet.TUNING, tuning);
        Path root = Path.of(System.getProperty("zhiban.root", "."));
        var files = RuleSetKind.ACCEPTANCE.fromRepository(root.resolve("rules"), root.resolve("policy-data"));
        var validated = Validator.validate(RuleSetKind.ACCEPTANCE, files, "acceptance@" + files.contentHash(), root.resolve("policy-data"));
        if (validated.compiled() == null) {
            throw new IllegalStateException("acceptance rules do not validate: " + validated.report().errors());
        }
        rules = validated.compiled();
        calendar = new WorkingDayCalendar(Calendars.read(root.resolve("policy-data/calendars")));
        globals = Map.of("workingDays", calendar);
        cases = AcceptanceCase.generate(root.resolve("policy-data"), CASES, SEED);
    }

    private AcceptanceCase nextCase() {
        AcceptanceCase c = cases.get(next);
        next = next + 1 == CASES ? 0 : next + 1;
        return c;
    }

    @Benchmark
    public DecisionAnswer decide() {
        AcceptanceCase c = nextCase();
        return AcceptanceEngine.decide(rules, calendar, c.item(), c.credit(), c.request(), c.decisionId());
    }

    @Benchmark
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 3, time = 3)
    public List<Object> floor() {
        AcceptanceCase c = nextCase();
        return rules.evaluate(AcceptanceEngine.facts(c.item(), c.credit(), c.request()), globals, NO_RULE);
    }
}
