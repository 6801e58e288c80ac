package cn.zhiban.rules;

import cn.zhiban.rulesets.RuleSetKind;
import cn.zhiban.rulesets.Validator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allow-list lets the repository's own rules and every policy file through, without a server. */
class RuleSandboxTest {

    @Test
    void aRefusalNamesTheLineOfTheStatement() {
        String drl = String.join("\n",
                "package acceptance;",
                "import cn.zhiban.acceptance.facts.*;",
                "",
                "rule \"R1\"",
                "when",
                "    Application()",
                "then",
                "    insert(new AcceptanceMode(\"STANDARD\"));",
                "    System.exit(1);",
                "end",
                "",
                "rule \"R2\"",
                "when",
                "    Application()",
                "then",
                "    String a = \"x\";",
                "",
                "    Runtime.getRuntime();",
                "end", "");
        var e = org.junit.jupiter.api.Assertions.assertThrows(ForbiddenRuleException.class,
                () -> RuleSetCompiler.compile("t", java.util.List.of(RuleSource.drl("rules/acceptance/x.drl", drl))));
        var lines = e.problems().stream().map(p -> p.line() + " " + p.message()).toList();
        org.junit.jupiter.api.Assertions.assertTrue(lines.contains("9 规则 R1(文件 rules/acceptance/x.drl 第 9 行)使用了不允许的 方法 java.lang.System.exit"), lines.toString());
        org.junit.jupiter.api.Assertions.assertTrue(lines.contains("18 规则 R2(文件 rules/acceptance/x.drl 第 18 行)使用了不允许的 方法 java.lang.Runtime.getRuntime"), lines.toString());
    }

    @Test
    void honestRulesAndPoliciesPass() {
        for (RuleSetKind kind : RuleSetKind.values()) {
            var files = kind.fromRepository(Path.of("rules"), Path.of("policy-data"));
            var result = Validator.validate(kind, files, kind.id + "@test", Path.of("policy-data"));
            result.report().errors().forEach(e -> System.out.println("HONEST " + kind.id + " " + e));
            assertTrue(result.report().valid(), kind.id + ": " + result.report().errors());
        }
    }
}
