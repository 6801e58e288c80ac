package cn.zhiban.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set that does not compile; carries every problem, not just the first. */
public class RuleCompilationException extends RuntimeException {
    private final List<RuleProblem> problems;

    public RuleCompilationException(String ruleSet, List<RuleProblem> problems) {
        super("rule set '" + ruleSet + "' does not compile:\n  "
                + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() { return problems; }
}
