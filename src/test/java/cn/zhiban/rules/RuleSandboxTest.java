package cn.zhiban.rules;

import cn.zhiban.rulesets.RuleSetKind;
import cn.zhiban.rulesets.Validator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allow-list lets the repository's own rules and every policy file through, without a server. */
class RuleSandboxTest {

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
