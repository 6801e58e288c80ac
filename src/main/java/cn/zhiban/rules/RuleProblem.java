package cn.zhiban.rules;

/** One thing wrong with a rule file: where (file relative to the rule-set folder, line if known) and what. */
public record RuleProblem(String file, Integer line, String message) {
    @Override
    public String toString() {
        return file + (line == null ? "" : ":" + line) + ": " + message;
    }
}
