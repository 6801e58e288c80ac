package cn.zhiban.matching;

import cn.zhiban.matching.PolicyDefinition.BenefitLine;
import cn.zhiban.matching.PolicyDefinition.Condition;
import cn.zhiban.rules.RuleSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns policy files into DRL: per leaf condition three rules (MET, NOT_MET, UNKNOWN — a field never
 * supplied is unknown, not false), per group one rule combining its children, per benefit line the
 * rules that compute it. Every generated rule carries {@code @policy(id)} so one policy can be run alone.
 * Policy scope (regions, parks) becomes implicit leaves under the root {@code @root}.
 */
public final class PolicyCompiler {
    public static final String ROOT = "@root";
    public static final String REGION_SCOPE = "@region";
    private static final Pattern POLICY_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,39}");
    private static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final BigDecimal MAX_MONEY = new BigDecimal("1E15");
    private static final Set<String> OPS = Set.of(">=", ">", "<=", "<", "==", "!=", "in", "notIn");
    private static final Map<String, String> COMPLEMENTS = Map.of(">=", "<", ">", "<=", "<=", ">", "<", ">=");
    private static final Set<String> SIZES = Set.of("LARGE", "MEDIUM", "SMALL", "MICRO");
    private static final Set<String> LISTS = Set.of("DISHONEST_DEBTOR", "SERIOUS_DISHONESTY", "ABNORMAL_OPERATION");
    private static final Set<String> QUALIFICATIONS = Set.of("HIGH_TECH", "SPECIALISED_SME", "LITTLE_GIANT", "TECH_SME", "ABOVE_SCALE");

    private PolicyCompiler() {
    }

    // ---------------------------------------------------------------- checks

    /** Everything wrong with a policy, each as "path: reason" (empty when it can be compiled). */
    public static List<String> problems(PolicyDefinition p, String fileName) {
        List<String> out = new ArrayList<>();
        if (p.id() == null || !POLICY_ID.matcher(p.id()).matches()) {
            out.add("id: 应为大写字母、数字和连字符(3–40位),实际为 " + p.id());
        } else if (fileName != null && !fileName.equals(p.id() + ".yaml")) {
            out.add("id: 文件名应为 " + p.id() + ".yaml");
        }
        text(out, "title", p.title());
        text(out, "issuer", p.issuer());
        text(out, "document", p.document());
        text(out, "article", p.article());
        if (p.effectiveFrom() == null) {
            out.add("effectiveFrom: 必填");
        } else if (p.effectiveTo() != null && p.effectiveTo().isBefore(p.effectiveFrom())) {
            out.add("effectiveTo: 不得早于 effectiveFrom");
        }
        if (p.kind() == null || !PolicyDefinition.KINDS.contains(p.kind())) {
            out.add("kind: 应为 " + PolicyDefinition.KINDS + " 之一,实际为 " + p.kind());
        }
        if (p.delivery() == null || !PolicyDefinition.DELIVERIES.contains(p.delivery())) {
            out.add("delivery: 应为 AUTO 或 QUICK_APPLY,实际为 " + p.delivery());
        } else if ("QUICK_APPLY".equals(p.delivery())) {
            text(out, "howToApply", p.howToApply());
        } else if (p.confirmationDays() == null || p.confirmationDays() < 1) {
            out.add("confirmationDays: 免申即享政策须规定确认期限(工作日,≥1)");
        }
        if (p.categories() == null || p.categories().isEmpty()) {
            out.add("categories: 至少一个订阅类别");
        } else {
            for (int i = 0; i < p.categories().size(); i++) {
                text(out, "categories[" + i + "]", p.categories().get(i));
            }
        }
        money(out, "budget", p.budget());
        money(out, "perEnterpriseCap", p.perEnterpriseCap());
        text(out, "period", p.period());
        if (p.regions() != null) {
            for (int i = 0; i < p.regions().size(); i++) {
                if (p.regions().get(i) == null || !p.regions().get(i).matches("\\d{2,6}")) {
                    out.add("regions[" + i + "]: 应为2至6位行政区划代码前缀");
                }
            }
        }
        if (p.parks() != null) {
            // the policy's parks become an implicit leaf (scopedRoot): checked as a condition's parks are
            for (int i = 0; i < p.parks().size(); i++) {
                if (p.parks().get(i) == null || !p.parks().get(i).matches("[A-Z0-9][A-Z0-9-]{1,29}")) {
                    out.add("parks[" + i + "]: 应为园区编号(大写字母、数字和连字符),实际为 " + p.parks().get(i));
                }
            }
        }
        if (p.conditions() == null) {
            out.add("conditions: 必填");
        } else {
            checkCondition(out, "conditions", p.conditions(), new HashSet<>());
        }
        if (p.benefit() == null || p.benefit().lines() == null || p.benefit().lines().isEmpty()) {
            out.add("benefit.lines: 至少一行");
        } else {
            Set<String> ids = new HashSet<>();
            collectIds(p.conditions(), ids);
            for (int i = 0; i < p.benefit().lines().size(); i++) {
                checkLine(out, "benefit.lines[" + i + "]", p.benefit().lines().get(i), ids);
            }
        }
        return out;
    }

    private static void collectIds(Condition c, Set<String> ids) {
        if (c == null) {
            return;
        }
        ids.add(c.id());
        c.children().forEach(child -> collectIds(child, ids));
    }

    private static void checkCondition(List<String> out, String at, Condition c, Set<String> ids) {
        if (c == null) {
            out.add(at + ": 不能为空");
            return;
        }
        if (c.id() == null || !NODE_ID.matcher(c.id()).matches()) {
            out.add(at + ".id: 应为小写字母、数字和连字符,实际为 " + c.id());
        } else if (!ids.add(c.id())) {
            out.add(at + ".id: 条件编号 " + c.id() + " 重复");
        }
        int groups = (c.all() != null ? 1 : 0) + (c.any() != null ? 1 : 0) + (c.not() != null ? 1 : 0);
        int leaves = (c.field() != null ? 1 : 0) + (c.industryPrefixes() != null ? 1 : 0) + (c.regionPrefixes() != null ? 1 : 0)
                + (c.parks() != null ? 1 : 0) + (c.qualification() != null ? 1 : 0) + (c.notListed() != null ? 1 : 0);
        if (groups + leaves != 1) {
            out.add(at + ": 应恰好是 all / any / not 之一,或 field / industryPrefixes / regionPrefixes / parks / qualification / notListed 之一");
            return;
        }
        if (groups == 1) {
            List<Condition> children = c.children();
            if (children.isEmpty()) {
                out.add(at + ": 条件组不能为空");
            }
            String kind = c.all() != null ? "all" : c.any() != null ? "any" : "not";
            for (int i = 0; i < children.size(); i++) {
                checkCondition(out, at + "." + kind + (c.not() != null ? "" : "[" + i + "]"), children.get(i), ids);
            }
            return;
        }
        text(out, at + ".text", c.text());
        text(out, at + ".source", c.source());
        if (c.field() != null) {
            checkComparison(out, at, c);
        } else if (c.industryPrefixes() != null) {
            prefixes(out, at + ".industryPrefixes", c.industryPrefixes(), "[A-T](\\d{1,4})?");
        } else if (c.regionPrefixes() != null) {
            prefixes(out, at + ".regionPrefixes", c.regionPrefixes(), "\\d{2,6}");
        } else if (c.parks() != null) {
            prefixes(out, at + ".parks", c.parks(), "[A-Z0-9][A-Z0-9-]{1,29}");
        } else if (c.qualification() != null) {
            if (!QUALIFICATIONS.contains(c.qualification())) {
                out.add(at + ".qualification: 应为 " + QUALIFICATIONS + " 之一,实际为 " + c.qualification());
            }
        } else if (c.notListed().isEmpty() || c.notListed().stream().anyMatch(l -> l == null || !LISTS.contains(l))) {
            out.add(at + ".notListed: 应为 " + LISTS + " 中的名单");
        }
    }

    private static void checkComparison(List<String> out, String at, Condition c) {
        String field = c.field();
        boolean attribute = field.startsWith(PolicyFields.ATTRIBUTE_PREFIX) && field.length() > PolicyFields.ATTRIBUTE_PREFIX.length();
        PolicyFields type = PolicyFields.FIELDS.get(field);
        if (type == null && !attribute) {
            out.add(at + ".field: 未知字段 " + field + ",可用字段为 " + new java.util.TreeSet<>(PolicyFields.FIELDS.keySet()) + " 或 attributes.<名称>");
            return;
        }
        if (c.op() == null || !OPS.contains(c.op())) {
            out.add(at + ".op: 未知运算符 " + c.op() + ",可用 " + OPS);
            return;
        }
        boolean list = c.op().equals("in") || c.op().equals("notIn");
        if (list ? (c.values() == null || c.values().isEmpty() || c.value() != null) : (c.value() == null || c.values() != null)) {
            out.add(at + (list ? ".values: in / notIn 需要 values 列表" : ".value: 需要 value(单个值)"));
            return;
        }
        List<Object> values = list ? c.values() : List.of(c.value());
        if (values.stream().anyMatch(v -> v == null)) {
            out.add(at + ".values: 不能含空值");
            return;
        }
        boolean ordering = Set.of(">=", ">", "<=", "<").contains(c.op());
        if (attribute) {
            Object v = values.get(0);
            if (!(v instanceof Number || v instanceof Boolean || v instanceof String) || values.stream().anyMatch(x -> x.getClass() != v.getClass() && !(x instanceof Number && v instanceof Number))) {
                out.add(at + ".value: 扩展属性的值应为数值、布尔值或文本");
            } else if (ordering && !(v instanceof Number)) {
                out.add(at + ".op: 只有数值属性可以比较大小");
            } else if (values.stream().anyMatch(x -> x instanceof Number && decimal(x) == null)) {
                out.add(at + ".value: 数值应为有限且不超出范围");
            }
            return;
        }
        switch (type) {
            case INTEGER, MONEY -> {
                for (Object v : values) {
                    BigDecimal d = decimal(v);
                    if (d == null || (type == PolicyFields.INTEGER && d.stripTrailingZeros().scale() > 0)) {
                        out.add(at + ".value: " + field + " 的值应为" + (type == PolicyFields.INTEGER ? "整数" : "金额(元)") + ",实际为 " + v);
                    }
                }
            }
            case DATE -> {
                if (list) {
                    out.add(at + ".op: 日期字段不支持 in / notIn");
                }
                for (Object v : values) {
                    if (parseDate(v) == null) {
                        out.add(at + ".value: 应为日期 YYYY-MM-DD,实际为 " + v);
                    }
                }
            }
            case TEXT, SIZE -> {
                if (ordering) {
                    out.add(at + ".op: " + field + " 不能比较大小,只能用 == / != / in / notIn");
                }
                for (Object v : values) {
                    if (!(v instanceof String) || (type == PolicyFields.SIZE && !SIZES.contains(v))) {
                        out.add(at + ".value: " + field + " 的值应为" + (type == PolicyFields.SIZE ? SIZES.toString() : "文本") + ",实际为 " + v);
                    }
                }
            }
        }
    }

    private static void checkLine(List<String> out, String at, BenefitLine line, Set<String> ids) {
        if (line == null) {
            out.add(at + ": 不能为空");
            return;
        }
        text(out, at + ".label", line.label());
        text(out, at + ".source", line.source());
        int forms = (line.fixed() != null ? 1 : 0) + (line.percent() != null ? 1 : 0) + (line.tiers() != null ? 1 : 0) + (line.perUnit() != null ? 1 : 0);
        if (forms != 1) {
            out.add(at + ": 应恰好是 fixed / percent / tiers / perUnit 之一");
            return;
        }
        if (line.when() != null) {
            if (line.when().isGroup()) {
                out.add(at + ".when: 只能是单个条件");
            } else {
                checkCondition(out, at + ".when", line.when(), ids);
            }
        }
        if (line.fixed() != null) {
            money(out, at + ".fixed", line.fixed());
        } else if (line.percent() != null) {
            numericField(out, at + ".percent.field", line.percent().field());
            if (line.percent().rate() == null || line.percent().rate().signum() <= 0 || line.percent().rate().compareTo(BigDecimal.ONE) > 0) {
                out.add(at + ".percent.rate: 应为 0 到 1 之间的比例,如 0.6");
            }
            money(out, at + ".percent.cap", line.percent().cap());
        } else if (line.tiers() != null) {
            numericField(out, at + ".tiers.field", line.tiers().field());
            if (line.tiers().steps() == null || line.tiers().steps().isEmpty()) {
                out.add(at + ".tiers.steps: 至少一档");
            } else {
                Set<BigDecimal> seen = new HashSet<>();
                for (int i = 0; i < line.tiers().steps().size(); i++) {
                    var step = line.tiers().steps().get(i);
                    if (step == null || step.atLeast() == null || step.amount() == null) {
                        out.add(at + ".tiers.steps[" + i + "]: atLeast 与 amount 必填");
                    } else if (decimal(step.atLeast()) == null) {
                        out.add(at + ".tiers.steps[" + i + "].atLeast: 数值超出范围");
                    } else if (!seen.add(step.atLeast().stripTrailingZeros())) {
                        out.add(at + ".tiers.steps[" + i + "].atLeast: 档位重复");
                    } else {
                        money(out, at + ".tiers.steps[" + i + "].amount", step.amount());
                    }
                }
            }
        } else {
            String field = line.perUnit().field();
            if (field == null || PolicyFields.FIELDS.get(field) != PolicyFields.INTEGER) {
                out.add(at + ".perUnit.field: 应为计数字段(如 graduatesHired、insuredEmployees)");
            }
            if (line.perUnit().amount() == null) {
                out.add(at + ".perUnit.amount: 必填");
            }
            money(out, at + ".perUnit.amount", line.perUnit().amount());
            money(out, at + ".perUnit.cap", line.perUnit().cap());
        }
    }

    private static void numericField(List<String> out, String at, String field) {
        if (field == null || !PolicyFields.isNumeric(field)) {
            out.add(at + ": 应为数值字段,实际为 " + field);
        }
    }

    private static void prefixes(List<String> out, String at, List<String> values, String pattern) {
        if (values.isEmpty()) {
            out.add(at + ": 不能为空");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || !values.get(i).matches(pattern)) {
                out.add(at + "[" + i + "]: 格式不正确,实际为 " + values.get(i));
            }
        }
    }

    private static void text(List<String> out, String at, String value) {
        if (value == null || value.isBlank()) {
            out.add(at + ": 必填");
        }
    }

    private static void money(List<String> out, String at, BigDecimal value) {
        if (value == null) {
            return;
        }
        if (value.abs().compareTo(MAX_MONEY) > 0) {
            out.add(at + ": 金额超出范围(不超过 10^15 元)");
        } else if (value.signum() < 0 || value.stripTrailingZeros().scale() > 2) {
            out.add(at + ": 金额应为非负、最多两位小数的元,实际为 " + value.toPlainString());
        }
    }

    /** A finite number within range as a decimal; null for anything else (text, NaN, infinity, absurd exponents). */
    private static BigDecimal decimal(Object v) {
        if (!(v instanceof Number) || (v instanceof Double d && !Double.isFinite(d)) || (v instanceof Float f && !Float.isFinite(f))) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v.toString());
            return d.abs().compareTo(MAX_MONEY) > 0 ? null : d;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    static LocalDate parseDate(Object value) {
        try {
            return value == null ? null : LocalDate.parse(value.toString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- generation

    /** The DRL one policy means, named after its file. */
    public static RuleSource toRules(PolicyDefinition p, String path) {
        StringBuilder drl = new StringBuilder();
        drl.append("// Generated from ").append(path).append(" — edit the policy file, not this text.\n");
        drl.append("package policies;\n\n");
        drl.append("import cn.zhiban.matching.facts.*;\n\n");
        Condition root = scopedRoot(p);
        generateNode(drl, p.id(), root, "");
        List<BenefitLine> lines = p.benefit().lines();
        for (int i = 0; i < lines.size(); i++) {
            generateLine(drl, p.id(), i, lines.get(i));
        }
        return RuleSource.drl(path, drl.toString());
    }

    /** The policy's conditions under an implicit root that adds its regions and parks. */
    public static Condition scopedRoot(PolicyDefinition p) {
        List<Condition> children = new ArrayList<>();
        if (p.regions() != null && !p.regions().isEmpty()) {
            children.add(leaf(REGION_SCOPE, null, p.regions(), null, "注册地属于政策适用地区(" + String.join("、", p.regions()) + ")", p.document()));
        }
        if (p.parks() != null && !p.parks().isEmpty()) {
            children.add(leaf("@park", null, null, p.parks(), "位于政策适用园区(" + String.join("、", p.parks()) + ")", p.document()));
        }
        children.add(p.conditions());
        return new Condition(ROOT, children, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static Condition leaf(String id, List<String> industry, List<String> regions, List<String> parks, String text, String source) {
        return new Condition(id, null, null, null, null, null, null, null, industry, regions, parks, null, null, null, null, text, source);
    }

    private static void generateNode(StringBuilder drl, String policy, Condition c, String parent) {
        if (!c.isGroup()) {
            generateLeaf(drl, policy, c, parent);
            return;
        }
        for (Condition child : c.children()) {
            generateNode(drl, policy, child, c.id());
        }
        drl.append("rule \"").append(policy).append('|').append(c.id()).append("|").append(c.groupKind()).append("\"\n")
                .append("    @policy(\"").append(policy).append("\")\n")
                .append("when\n")
                .append("    $p: Profile()\n")
                .append("    $children: java.util.List(size == ").append(c.children().size())
                .append(") from collect(ConditionResult(uscc == $p.uscc, policyId == ").append(lit(policy))
                .append(", parentId == ").append(lit(c.id())).append("))\n")
                .append("then\n")
                .append("    insert(ConditionResult.combine(\"").append(c.groupKind()).append("\", $p.getUscc(), ")
                .append(lit(policy)).append(", ").append(lit(c.id())).append(", ").append(lit(parent)).append(", $children));\n")
                .append("end\n\n");
    }

    /** A leaf as three rules; each is a list of DRL patterns plus the expression of the enterprise's value. */
    private static void generateLeaf(StringBuilder drl, String policy, Condition c, String parent) {
        Leaf leaf = leafPatterns(c);
        emitLeafRule(drl, policy, c, parent, "MET", leaf.met(), leaf);
        emitLeafRule(drl, policy, c, parent, "NOT_MET", leaf.notMet(), leaf);
        if (leaf.unknown() != null) {
            emitLeafRule(drl, policy, c, parent, "UNKNOWN", leaf.unknown(), leaf);
        }
    }

    private record Leaf(String field, String met, String notMet, String unknown, String actual) {
    }

    private static Leaf leafPatterns(Condition c) {
        if (c.industryPrefixes() != null) {
            return text("industryCode", prefixExpr("industryCode", c.industryPrefixes()));
        }
        if (c.regionPrefixes() != null) {
            return text("regionCode", prefixExpr("regionCode", c.regionPrefixes()));
        }
        if (c.parks() != null) {
            return text("park", "park in (" + c.parks().stream().map(PolicyCompiler::lit).collect(Collectors.joining(", ")) + ")");
        }
        if (c.qualification() != null) {
            String held = "HeldQualification(uscc == $p.uscc, type == " + lit(c.qualification()) + ", heldOn($d)"
                    + (c.qualifiedFrom() != null || c.qualifiedTo() != null
                    ? ", obtainedBetween(" + dateLit(c.qualifiedFrom()) + ", " + dateLit(c.qualifiedTo()) + ")" : "") + ")";
            String known = "$p: Profile(qualificationsKnown)\n    AsOf($d: date)\n    ";
            return new Leaf("qualifications", known + "exists " + held, known + "not " + held,
                    "$p: Profile(!qualificationsKnown)", "null");
        }
        if (c.notListed() != null) {
            String listed = "CreditListing(uscc == $p.uscc, list in (" + c.notListed().stream().map(PolicyCompiler::lit).collect(Collectors.joining(", "))
                    + "), inForceOn($d))";
            String base = "$p: Profile()\n    AsOf($d: date)\n    ";
            return new Leaf("listings", base + "not " + listed, base + "exists " + listed, null, "null");
        }
        String field = c.field();
        List<Object> values = c.values() != null ? c.values() : List.of(c.value());
        if (field.startsWith(PolicyFields.ATTRIBUTE_PREFIX)) {
            String name = lit(field.substring(PolicyFields.ATTRIBUTE_PREFIX.length()));
            Object sample = values.get(0);
            String accessor = sample instanceof Number ? "attributeNumber(" + name + ")"
                    : sample instanceof Boolean ? "attributeBoolean(" + name + ")" : "attributeText(" + name + ")";
            String expr = compare(accessor, c.op(), values, sample instanceof Number ? PolicyFields.MONEY : PolicyFields.TEXT);
            return guarded(field, accessor, expr, "$p." + accessor.replace("attributeNumber", "attribute").replace("attributeBoolean", "attribute").replace("attributeText", "attribute"));
        }
        PolicyFields type = PolicyFields.FIELDS.get(field);
        if (type == PolicyFields.SIZE) {
            String expr = compare("value", c.op(), values, PolicyFields.TEXT);
            return new Leaf("sizeClass",
                    "$p: Profile()\n    $size: SizeClass(uscc == $p.uscc, " + expr + ")",
                    "$p: Profile()\n    $size: SizeClass(uscc == $p.uscc, !(" + expr + "))",
                    "$p: Profile()\n    not SizeClass(uscc == $p.uscc)", null);
        }
        String actual = "$p.get" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "()";
        if ((type == PolicyFields.INTEGER || type == PolicyFields.MONEY) && COMPLEMENTS.containsKey(c.op())) {
            // NOT_MET as the complementary comparison, never !(…): once a field has enough range constraints Drools
            // indexes them, and "x < 50" beside "!(x >= 50)" from another policy stops the rule base with an index conflict.
            return new Leaf(field, "$p: Profile(" + field + " != null, " + compare(field, c.op(), values, type) + ")",
                    "$p: Profile(" + field + " != null, " + compare(field, COMPLEMENTS.get(c.op()), values, type) + ")",
                    "$p: Profile(" + field + " == null)", actual);
        }
        return guarded(field, field, compare(field, c.op(), values, type), actual);
    }

    private static Leaf text(String field, String expr) {
        return guarded(field, field, expr, "$p.get" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "()");
    }

    private static Leaf guarded(String field, String accessor, String expr, String actual) {
        return new Leaf(field,
                "$p: Profile(" + accessor + " != null, " + expr + ")",
                "$p: Profile(" + accessor + " != null, !(" + expr + "))",
                "$p: Profile(" + accessor + " == null)", actual);
    }

    private static String prefixExpr(String field, List<String> prefixes) {
        // A method call, not the str[startsWith] operator: that operator breaks once Drools JIT-compiles the constraint.
        return "(" + prefixes.stream().map(p -> field + ".startsWith(" + lit(p) + ")").collect(Collectors.joining(" || ")) + ")";
    }

    static String compare(String accessor, String op, List<Object> values, PolicyFields type) {
        if (type == PolicyFields.DATE) {
            String d = "date(" + lit(values.get(0).toString()) + ")";
            return switch (op) {
                case ">" -> accessor + ".isAfter(" + d + ")";
                case ">=" -> "!" + accessor + ".isBefore(" + d + ")";
                case "<" -> accessor + ".isBefore(" + d + ")";
                case "<=" -> "!" + accessor + ".isAfter(" + d + ")";
                case "==" -> accessor + ".isEqual(" + d + ")";
                default -> "!" + accessor + ".isEqual(" + d + ")";
            };
        }
        List<String> literals = values.stream().map(v -> literal(v, type)).toList();
        return switch (op) {
            case "in" -> accessor + " in (" + String.join(", ", literals) + ")";
            case "notIn" -> accessor + " not in (" + String.join(", ", literals) + ")";
            default -> accessor + " " + op + " " + literals.get(0);
        };
    }

    static String literal(Object v, PolicyFields type) {
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof Number n) {
            return type == PolicyFields.INTEGER ? new BigDecimal(n.toString()).toBigIntegerExact().toString()
                    : new BigDecimal(n.toString()).toPlainString() + "B";
        }
        return lit(v.toString());
    }

    private static void emitLeafRule(StringBuilder drl, String policy, Condition c, String parent, String value, String patterns, Leaf leaf) {
        drl.append("rule \"").append(policy).append('|').append(c.id()).append('|').append(value).append("\"\n")
                .append("    @policy(\"").append(policy).append("\")\n")
                .append("    salience 50\n")
                .append("when\n    ").append(patterns).append("\n")
                .append("then\n")
                .append("    insert(new ConditionResult($p.getUscc(), ").append(lit(policy)).append(", ").append(lit(c.id())).append(", ")
                .append(lit(parent)).append(", \"").append(value).append("\", ").append(lit(leaf.field())).append(", ")
                .append(leaf.actual() == null ? ("UNKNOWN".equals(value) ? "null" : "$size.getValue()") : ("UNKNOWN".equals(value) ? "null" : leaf.actual()))
                .append("));\n")
                .append("end\n\n");
    }

    private static void generateLine(StringBuilder drl, String policy, int index, BenefitLine line) {
        String lineId = "@line-" + index;
        String trigger = "ConditionResult(uscc == $p.uscc, policyId == " + lit(policy) + ", nodeId == \"" + ROOT + "\", value == \"MET\")";
        String when = "";
        if (line.when() != null) {
            generateLeaf(drl, policy, line.when(), lineId);
            when = "\n    ConditionResult(uscc == $p.uscc, policyId == " + lit(policy) + ", nodeId == " + lit(line.when().id()) + ", value == \"MET\")";
            String whenField = leafPatterns(line.when()).field();
            rule(drl, policy, lineId + "|WHEN-UNKNOWN", "$p: Profile()\n    " + trigger
                            + "\n    ConditionResult(uscc == $p.uscc, policyId == " + lit(policy) + ", nodeId == " + lit(line.when().id()) + ", value == \"UNKNOWN\")",
                    "insert(new BenefitGap($p.getUscc(), " + lit(policy) + ", " + lit(whenField) + "));");
        }
        String amount = "insert(new BenefitAmount($p.getUscc(), " + lit(policy) + ", " + index + ", ";
        if (line.fixed() != null) {
            rule(drl, policy, lineId, "$p: Profile()\n    " + trigger + when, amount + "Money.of(\"" + line.fixed().toPlainString() + "\")));");
            return;
        }
        String field = line.percent() != null ? line.percent().field() : line.tiers() != null ? line.tiers().field() : line.perUnit().field();
        String getter = "$p.get" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "()";
        rule(drl, policy, lineId + "|UNKNOWN", "$p: Profile(" + field + " == null)\n    " + trigger + when,
                "insert(new BenefitGap($p.getUscc(), " + lit(policy) + ", " + lit(field) + "));");
        if (line.percent() != null) {
            rule(drl, policy, lineId, "$p: Profile(" + field + " != null)\n    " + trigger + when,
                    amount + "Money.percent(new java.math.BigDecimal(" + getter + ".toString()), \"" + line.percent().rate().toPlainString() + "\", "
                            + capLit(line.percent().cap()) + ")));");
        } else if (line.perUnit() != null) {
            rule(drl, policy, lineId, "$p: Profile(" + field + " != null)\n    " + trigger + when,
                    amount + "Money.perUnit(" + getter + ", \"" + line.perUnit().amount().toPlainString() + "\", " + capLit(line.perUnit().cap()) + ")));");
        } else {
            // Only the highest step reached counts.
            boolean integer = PolicyFields.FIELDS.get(field) == PolicyFields.INTEGER;
            List<PolicyDefinition.Step> steps = line.tiers().steps().stream().sorted(Comparator.comparing(PolicyDefinition.Step::atLeast)).toList();
            for (int s = 0; s < steps.size(); s++) {
                String lower = field + " >= " + literal(steps.get(s).atLeast(), integer ? PolicyFields.INTEGER : PolicyFields.MONEY);
                String upper = s + 1 < steps.size() ? ", " + field + " < " + literal(steps.get(s + 1).atLeast(), integer ? PolicyFields.INTEGER : PolicyFields.MONEY) : "";
                rule(drl, policy, lineId + "|STEP-" + s, "$p: Profile(" + field + " != null, " + lower + upper + ")\n    " + trigger + when,
                        amount + "Money.of(\"" + steps.get(s).amount().toPlainString() + "\")));");
            }
        }
    }

    private static void rule(StringBuilder drl, String policy, String name, String when, String then) {
        drl.append("rule \"").append(policy).append('|').append(name).append("\"\n")
                .append("    @policy(\"").append(policy).append("\")\n")
                .append("    salience 20\n")
                .append("when\n    ").append(when).append("\n")
                .append("then\n    ").append(then).append("\n")
                .append("end\n\n");
    }

    private static String capLit(BigDecimal cap) {
        return cap == null ? "null" : "\"" + cap.toPlainString() + "\"";
    }

    private static String dateLit(LocalDate date) {
        return date == null ? "null" : "date(" + lit(date.toString()) + ")";
    }

    /** A DRL/Java string literal; escaping keeps policy text from ever becoming code. */
    public static String lit(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (ch < 32) {
                        out.append(' ');
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
