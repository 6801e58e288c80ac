package cn.zhiban.rulesets;

import cn.zhiban.acceptance.AcceptanceEngine;
import cn.zhiban.acceptance.DecisionAnswer;
import cn.zhiban.acceptance.DecisionRequest;
import cn.zhiban.catalogue.Calendars;
import cn.zhiban.catalogue.CatalogueLoader;
import cn.zhiban.catalogue.WorkingDayCalendar;
import cn.zhiban.matching.MatchResult;
import cn.zhiban.matching.Matcher;
import cn.zhiban.matching.Policies;
import cn.zhiban.matching.PolicyCompiler;
import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.matching.Subjects;
import cn.zhiban.policydata.PolicyDataException;
import cn.zhiban.policydata.PolicyDataFiles;
import cn.zhiban.rules.CompiledRuleSet;
import cn.zhiban.rules.ForbiddenRuleException;
import cn.zhiban.rules.RuleCompilationException;
import cn.zhiban.rules.RuleEvaluationLimitException;
import cn.zhiban.rules.RuleProblem;
import cn.zhiban.rules.RuleSetCompiler;
import cn.zhiban.rules.RuleSource;

import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Validates a version without a server or a database: reads its files, checks them, compiles them,
 * runs the rule tests written beside them and measures which rules the tests exercise. The catalogue
 * and calendars the acceptance tests need come from a policy-data folder.
 */
public final class Validator {

    /** A version's files compiled, if they compile; the report either way. */
    public record Result(ValidationReport report, CompiledRuleSet compiled, Map<String, PolicyDefinition> policies) {
    }

    private static final Logger LOG = Logger.getLogger(Validator.class);

    private Validator() {
    }

    public static Result validate(RuleSetKind kind, VersionFiles files, String versionId, Path policyDataDir) {
        List<ValidationReport.Problem> errors = new ArrayList<>();
        List<ValidationReport.Problem> warnings = new ArrayList<>();
        List<RuleSource> sources = new ArrayList<>();
        Map<String, PolicyDefinition> policies = new LinkedHashMap<>();
        Map<String, byte[]> tests = new LinkedHashMap<>();
        Map<String, RuleSource> generated = new LinkedHashMap<>();
        files.files().forEach((path, content) -> {
            if (!kind.owns(path)) {
                errors.add(new ValidationReport.Problem("FILE", path, null, "不属于规则集 " + kind.id + " 的文件"));
            } else if (path.contains("/tests/") && path.endsWith(".yaml")) {
                tests.put(path, content);
            } else if (path.startsWith("policy-data/policies/")) {
                PolicyFile policy = policyFile(path, content, errors);
                if (policy != null) {
                    if (policies.put(policy.definition().id(), policy.definition()) != null) {
                        errors.add(new ValidationReport.Problem("SCHEMA", path, null, "政策编号 " + policy.definition().id() + " 重复"));
                    }
                    generated.put(policy.definition().id(), policy.rules());
                }
            } else if (path.endsWith(".drl.csv")) {
                String csv = new String(content, StandardCharsets.UTF_8);
                SourceChecks.decisionTable(path, csv, errors, warnings);
                SourceChecks.cells(path, csv, errors);
                RuleSource source = new RuleSource(path, true, content);
                sources.add(source);
                try {
                    SourceChecks.forbidden(path, RuleSetCompiler.decisionTableToDrl(content), errors);
                } catch (RuntimeException e) {
                    // reported by the compiler below
                }
            } else if (path.endsWith(".drl")) {
                SourceChecks.forbidden(path, new String(content, StandardCharsets.UTF_8), errors);
                sources.add(new RuleSource(path, false, content));
            } else if (!path.endsWith(".yaml")) {
                errors.add(new ValidationReport.Problem("FILE", path, null, "未知的文件类型"));
            }
        });
        sources.addAll(generated.values());
        if (sources.isEmpty()) {
            errors.add(new ValidationReport.Problem("FILE", null, null, "没有规则文件"));
        }
        CompiledRuleSet compiled = null;
        if (!sources.isEmpty()) {
            try {
                compiled = RuleSetCompiler.compile(kind.id, sources, versionId);
                SourceChecks.citations(compiled, errors);
            } catch (RuleCompilationException e) {
                // FORBIDDEN: the allow-list refused it (RuleSandbox); nothing of it ran, and no rule test will.
                String problemKind = e instanceof ForbiddenRuleException ? "FORBIDDEN" : "COMPILE";
                for (RuleProblem p : e.problems()) {
                    errors.add(new ValidationReport.Problem(problemKind, p.file(), p.line(), p.message()));
                }
            }
        }
        ValidationReport.Tests testReport = new ValidationReport.Tests(0, 0, List.of());
        ValidationReport.Coverage coverage = new ValidationReport.Coverage(0, 0, List.of());
        // Rule tests execute the rules: never run code that failed any check (System.exit would stop the service).
        if (compiled != null && errors.isEmpty()) {
            Set<String> fired = new HashSet<>();
            List<ValidationReport.Failure> failures = new ArrayList<>();
            int[] total = {0};
            for (var test : tests.entrySet()) {
                try {
                    if (kind == RuleSetKind.ACCEPTANCE) {
                        runAcceptanceTests(test.getKey(), test.getValue(), compiled, policyDataDir, fired, failures, total);
                    } else {
                        runPolicyTests(test.getKey(), test.getValue(), new Policies.Active(Map.copyOf(policies), compiled), fired, failures, total);
                    }
                } catch (PolicyDataException e) {
                    errors.add(new ValidationReport.Problem("SCHEMA", test.getKey(), null, e.getMessage()));
                } catch (RuleEvaluationLimitException runaway) {
                    // Named by the rule and its file: the version is refused; further tests would only spin again.
                    errors.add(new ValidationReport.Problem("LIMIT", fileOf(compiled, runaway.rule(), test.getKey()), null,
                            runaway.getMessage() + ";运行规则测试 " + test.getKey() + " 时发现"));
                    break;
                }
            }
            failures.forEach(f -> errors.add(new ValidationReport.Problem("TEST", f.file(), null, f.name() + ":" + f.message())));
            testReport = new ValidationReport.Tests(total[0], total[0] - failures.size(), failures);
            List<String> all = compiled.rules().stream().map(CompiledRuleSet.RuleInfo::name).toList();
            coverage = new ValidationReport.Coverage(all.size(), (int) all.stream().filter(fired::contains).count(),
                    all.stream().filter(r -> !fired.contains(r)).toList());
        }
        boolean valid = errors.isEmpty();
        return new Result(new ValidationReport(valid, errors, warnings, testReport, coverage), valid ? compiled : null, Map.copyOf(policies));
    }

    /** A policy file read, checked and turned into rules. */
    record PolicyFile(PolicyDefinition definition, RuleSource rules) {
    }

    /** The policy file, or null with the problems that stop it, each naming the file. */
    static PolicyFile policyFile(String path, byte[] content, List<ValidationReport.Problem> errors) {
        try {
            PolicyDefinition p = Policies.parse(path, content);
            return new PolicyFile(p, PolicyCompiler.toRules(p, "policy-data/policies/" + p.id() + ".yaml"));
        } catch (PolicyDataException e) {
            errors.add(new ValidationReport.Problem("SCHEMA", path, null, e.getMessage()));
        } catch (RuntimeException e) {
            // The checker itself tripped over this file (a null inside a list, NaN, …): still this file's problem,
            // reported as such — not a 500 on upload, nor a failed start-up while a good version could serve.
            LOG.warnf("policy file %s could not be checked: %s at %s", path, e, java.util.Arrays.stream(e.getStackTrace())
                    .filter(frame -> frame.getClassName().startsWith("cn.zhiban.")).findFirst().orElse(null));
            errors.add(new ValidationReport.Problem("SCHEMA", path, null,
                    path + ": 无法检查此文件(" + e.getClass().getSimpleName() + "):请检查列表中的空值、NaN/无穷大或超大数值"));
        }
        return null;
    }

    private static void runAcceptanceTests(String file, byte[] content, CompiledRuleSet compiled, Path policyDataDir, Set<String> fired,
                                           List<ValidationReport.Failure> failures, int[] total) {
        RuleTestFiles.AcceptanceFile tests = PolicyDataFiles.read(file, content, RuleTestFiles.AcceptanceFile.class);
        Map<String, CatalogueLoader.LoadedItem> items = CatalogueLoader.read(policyDataDir.resolve("service-items"));
        WorkingDayCalendar calendar = new WorkingDayCalendar(Calendars.read(policyDataDir.resolve("calendars")));
        for (RuleTestFiles.AcceptanceTest t : tests.tests() == null ? List.<RuleTestFiles.AcceptanceTest>of() : tests.tests()) {
            total[0]++;
            String name = t.name() == null ? "(unnamed)" : t.name();
            CatalogueLoader.LoadedItem item = items.get(t.itemCode());
            if (item == null || t.applicant() == null || t.expect() == null || t.applicationDate() == null) {
                failures.add(new ValidationReport.Failure(file, name, "itemCode(目录中的事项)、applicationDate、applicant、expect 必填"));
                continue;
            }
            try {
                RuleTestFiles.Applicant a = t.applicant();
                var credit = new AcceptanceEngine.ApplicantCredit("TEST", a.taxCreditGrade(), a.publicCreditGrade(),
                        a.listings() == null ? List.of() : a.listings(), a.creditRepairedOn(), a.history() == null ? List.of() : a.history());
                var request = new DecisionRequest(t.itemCode(), "TEST", t.applicationDate(), t.submittedMaterials(), t.pledgedMaterials(),
                        t.pledgeSiteInspection());
                DecisionAnswer answer = AcceptanceEngine.decide(compiled, calendar, item.definition(), credit, request, UUID.randomUUID(), fired);
                List<String> wrong = new ArrayList<>();
                RuleTestFiles.AcceptanceExpect e = t.expect();
                expect(wrong, "mode", e.mode(), answer.mode());
                expect(wrong, "creditBand", e.creditBand(), answer.creditBand());
                if (e.appliedModes() != null && !new HashSet<>(e.appliedModes()).equals(new HashSet<>(answer.appliedModes()))) {
                    wrong.add("appliedModes 应为 " + e.appliedModes() + ",实际为 " + answer.appliedModes());
                }
                expect(wrong, "siteInspection", e.siteInspection(), answer.siteInspection().treatment());
                if (e.materials() != null) {
                    e.materials().forEach((code, treatment) -> expect(wrong, "materials." + code, treatment, treatmentOf(answer, code)));
                }
                if (e.dueDates() != null) {
                    e.dueDates().forEach((code, due) -> expect(wrong, "dueDates." + code, String.valueOf(due), dueOf(answer, code)));
                }
                if (!wrong.isEmpty()) {
                    failures.add(new ValidationReport.Failure(file, name, String.join("; ", wrong)));
                }
            } catch (RuleEvaluationLimitException runaway) {
                throw runaway;   // a problem of the version, not of this test: validate() reports it and stops testing
            } catch (RuntimeException ex) {
                failures.add(new ValidationReport.Failure(file, name, "运行出错:" + ex.getMessage()));
            }
        }
    }

    private static void runPolicyTests(String file, byte[] content, Policies.Active active, Set<String> fired,
                                       List<ValidationReport.Failure> failures, int[] total) {
        RuleTestFiles.PolicyFile tests = PolicyDataFiles.read(file, content, RuleTestFiles.PolicyFile.class);
        for (RuleTestFiles.PolicyTest t : tests.tests() == null ? List.<RuleTestFiles.PolicyTest>of() : tests.tests()) {
            total[0]++;
            String name = t.name() == null ? "(unnamed)" : t.name();
            if (t.asOf() == null || t.profile() == null || t.expect() == null) {
                failures.add(new ValidationReport.Failure(file, name, "asOf、profile、expect 必填"));
                continue;
            }
            try {
                MatchResult r = Matcher.match(active, List.of(Subjects.of("TEST", t.profile())), t.asOf(), null, fired).get("TEST");
                List<String> wrong = new ArrayList<>();
                RuleTestFiles.PolicyExpect e = t.expect();
                if (e.eligible() != null) {
                    e.eligible().forEach((policy, amount) -> {
                        var found = r.eligible().stream().filter(x -> x.policyId().equals(policy)).findFirst();
                        if (found.isEmpty()) {
                            wrong.add(policy + " 应符合条件,实际" + describe(r, policy));
                        } else if (amount != null && found.get().amount().compareTo(amount) != 0) {
                            wrong.add(policy + " 金额应为 " + amount.toPlainString() + ",实际为 " + found.get().amount().toPlainString());
                        }
                    });
                }
                if (e.notEligible() != null) {
                    e.notEligible().stream().filter(policy -> r.eligible().stream().anyMatch(x -> x.policyId().equals(policy)))
                            .forEach(policy -> wrong.add(policy + " 不应符合条件"));
                }
                if (e.undetermined() != null) {
                    e.undetermined().forEach((policy, fields) -> {
                        var found = r.undetermined().stream().filter(x -> x.policyId().equals(policy)).findFirst();
                        if (found.isEmpty()) {
                            wrong.add(policy + " 应为待补充数据,实际" + describe(r, policy));
                        } else if (fields != null && !new HashSet<>(fields).equals(new HashSet<>(found.get().missingFields()))) {
                            wrong.add(policy + " 缺少的数据应为 " + fields + ",实际为 " + found.get().missingFields());
                        }
                    });
                }
                expect(wrong, "sizeClass", e.sizeClass(), r.sizeClass());
                if (!wrong.isEmpty()) {
                    failures.add(new ValidationReport.Failure(file, name, String.join("; ", wrong)));
                }
            } catch (RuleEvaluationLimitException runaway) {
                throw runaway;   // a problem of the version, not of this test: validate() reports it and stops testing
            } catch (RuntimeException ex) {
                failures.add(new ValidationReport.Failure(file, name, "运行出错:" + ex.getMessage()));
            }
        }
    }

    /** The file of the rule, or {@code otherwise} when the rule is not known. */
    private static String fileOf(CompiledRuleSet compiled, String rule, String otherwise) {
        return compiled.rules().stream().filter(r -> r.name().equals(rule) && r.file() != null).map(CompiledRuleSet.RuleInfo::file)
                .findFirst().orElse(otherwise);
    }

    private static String describe(MatchResult r, String policy) {
        if (r.eligible().stream().anyMatch(x -> x.policyId().equals(policy))) {
            return "符合条件";
        }
        if (r.undetermined().stream().anyMatch(x -> x.policyId().equals(policy))) {
            return "待补充数据";
        }
        return "不符合条件";
    }

    private static void expect(List<String> wrong, String what, String expected, String actual) {
        if (expected != null && !Objects.equals(expected, actual)) {
            wrong.add(what + " 应为 " + expected + ",实际为 " + actual);
        }
    }

    private static String treatmentOf(DecisionAnswer answer, String code) {
        return answer.materials().stream().filter(m -> m.code().equals(code)).map(DecisionAnswer.MaterialLine::treatment).findFirst().orElse(null);
    }

    private static String dueOf(DecisionAnswer answer, String code) {
        return answer.materials().stream().filter(m -> m.code().equals(code)).map(m -> String.valueOf(m.dueDate())).findFirst().orElse(null);
    }

}
