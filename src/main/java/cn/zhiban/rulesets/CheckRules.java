package cn.zhiban.rulesets;

import java.nio.file.Path;

/**
 * Validates and tests a project's rules/ and policy-data/ without a server or a database:
 * {@code mvn -q compile exec:java@check-rules -Dexec.args=.} — exit status 0 when every rule set is valid, 1 otherwise.
 */
public final class CheckRules {
    private CheckRules() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Path rules = root.resolve("rules");
        Path policyData = root.resolve("policy-data");
        boolean allValid = true;
        for (RuleSetKind kind : RuleSetKind.values()) {
            VersionFiles files = kind.fromRepository(rules, policyData);
            ValidationReport report = Validator.validate(kind, files, kind.id + "@" + files.contentHash(), policyData).report();
            allValid &= report.valid();
            System.out.printf("%n== %s (%d files, %s@%s): %s%n", kind.id, files.files().size(), kind.id, files.contentHash(),
                    report.valid() ? "VALID" : "INVALID");
            report.errors().forEach(p -> System.out.printf("  ERROR   %-13s %s%s  %s%n", p.kind(), p.file(), p.line() == null ? "" : ":" + p.line(), p.message()));
            report.warnings().forEach(p -> System.out.printf("  WARNING %-13s %s%s  %s%n", p.kind(), p.file(), p.line() == null ? "" : ":" + p.line(), p.message()));
            System.out.printf("  tests: %d run, %d passed%n", report.tests().total(), report.tests().passed());
            System.out.printf("  coverage: %d of %d rules fired in some test; not exercised: %d%n", report.coverage().fired(),
                    report.coverage().rules(), report.coverage().unexercised().size());
            report.coverage().unexercised().stream().limit(40).forEach(r -> System.out.println("    - " + r));
            if (report.coverage().unexercised().size() > 40) {
                System.out.println("    … and " + (report.coverage().unexercised().size() - 40) + " more");
            }
        }
        System.exit(allValid ? 0 : 1);
    }
}
