package cn.zhiban.matching;

import cn.zhiban.matching.PolicyDefinition.Condition;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders what a leaf condition requires, for near misses ("≥ 10", "属于 C、I65 开头的行业" …). */
final class Requirements {
    private static final Map<String, String> OPS = Map.of(">=", "≥", ">", ">", "<=", "≤", "<", "<", "==", "=", "!=", "≠");

    private Requirements() {
    }

    static String describe(Condition c) {
        if (c.isGroup()) {
            return c.text() == null ? c.id() : c.text();
        }
        if (c.industryPrefixes() != null) {
            return "行业代码以 " + String.join("、", c.industryPrefixes()) + " 开头";
        }
        if (c.regionPrefixes() != null) {
            return "行政区划代码以 " + String.join("、", c.regionPrefixes()) + " 开头";
        }
        if (c.parks() != null) {
            return "位于园区 " + String.join("、", c.parks());
        }
        if (c.qualification() != null) {
            String window = c.qualifiedFrom() == null && c.qualifiedTo() == null ? ""
                    : "(取得于 " + (c.qualifiedFrom() == null ? "" : c.qualifiedFrom()) + " 至 " + (c.qualifiedTo() == null ? "" : c.qualifiedTo()) + ")";
            return "持有有效的 " + c.qualification() + window;
        }
        if (c.notListed() != null) {
            return "未列入 " + String.join("、", c.notListed());
        }
        List<Object> values = c.values() != null ? c.values() : List.of(c.value());
        String joined = values.stream().map(String::valueOf).collect(Collectors.joining("、"));
        return switch (c.op()) {
            case "in" -> "属于 " + joined;
            case "notIn" -> "不属于 " + joined;
            default -> OPS.get(c.op()) + " " + joined;
        };
    }
}
