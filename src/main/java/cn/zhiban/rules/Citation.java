package cn.zhiban.rules;

import org.kie.api.definition.rule.Rule;

import java.util.Map;

/**
 * What a rule says about itself: its id, a Chinese message and its legal source. Every explanation
 * the service returns is one of these, so every answer quotes the rule that produced it.
 * DRL rules declare them as {@code @id / @message / @source} metadata; decision-table rows pass them
 * as columns.
 */
public record Citation(String ruleId, String message, String source) {

    /**
     * Reads the rule's metadata; {@code {0}}, {@code {1}} … in the message are replaced by the
     * arguments (e.g. the material's name), so one rule can explain each material it touches.
     */
    public static Citation of(Rule rule, Object... args) {
        Map<String, Object> meta = rule.getMetaData();
        String message = text(meta.get("message"), rule.getName());
        for (int i = 0; i < args.length; i++) {
            message = message.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return new Citation(text(meta.get("id"), rule.getName()), message, text(meta.get("source"), ""));
    }

    private static String text(Object value, String fallback) {
        if (value == null) {
            return fallback;
        }
        String s = value.toString();
        // DRL metadata keeps the quotes of a string literal.
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
