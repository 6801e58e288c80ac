package cn.zhiban.rules;

import java.util.List;

/** Rules that reach outside the allow-list ({@link RuleSandbox}); none of their code has run. */
public class ForbiddenRuleException extends RuleCompilationException {
    public ForbiddenRuleException(String ruleSet, List<RuleProblem> problems) {
        super(ruleSet, problems);
    }
}
