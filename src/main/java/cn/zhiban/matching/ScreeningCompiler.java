package cn.zhiban.matching;

import cn.zhiban.matching.PolicyDefinition.BenefitLine;
import cn.zhiban.matching.PolicyDefinition.Condition;
import cn.zhiban.rules.RuleSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The screening form of the policy files: eligibility and amount only, for whole populations. Where
 * {@link PolicyCompiler} explains every condition with rules and derived facts, here each policy becomes
 * single-pattern rules over one {@code Candidate} fact, so the engine evaluates them in its alpha network
 * (shared and indexed across policies) and fires only for eligible pairs.
 *
 * <p>Same three-valued reading: a node is TRUE only when known and true, so an unknown field never makes an
 * enterprise eligible. A benefit line whose {@code when} is unknown, or whose amount field is unknown, leaves
 * the enterprise undetermined (not eligible), as in the explaining form. Each combination of conditional benefit
 * lines (a {@code when}; tiers that may stay below their first step) is its own rule, so the consequence knows
 * which lines apply.
 */
public final class ScreeningCompiler {
    public static final String GLOBAL = "screened";
    /** An open qualification date bound, in epoch days (far beyond any real date, small enough for a DRL literal). */
    private static final long OPEN_BOUND = 100_000_000L;

    private ScreeningCompiler() {
    }

    /** DRL screening the given policies; policy i reports as index i to the {@link ScreeningSink}. */
    public static RuleSource toRules(List<PolicyDefinition> policies) {
        StringBuilder drl = new StringBuilder();
        drl.append("// Generated screening form of policy-data/policies — edit the policy files, not this text.\n");
        drl.append("package screening;\n\n");
        drl.append("import cn.zhiban.matching.facts.*;\n\n");
        drl.append("global cn.zhiban.matching.ScreeningSink ").append(GLOBAL).append(";\n\n");
        for (int i = 0; i < policies.size(); i++) {
            policyRules(drl, i, policies.get(i));
        }
        return RuleSource.drl("screening/policies.drl", drl.toString());
    }

    private static void policyRules(StringBuilder drl, int index, PolicyDefinition p) {
        List<String> scope = new ArrayList<>();
        constraints(PolicyCompiler.scopedRoot(p), scope);
        List<BenefitLine> lines = p.benefit().lines();
        List<Integer> conditional = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            if (lines.get(l).when() != null || lines.get(l).tiers() != null) {
                conditional.add(l);
            }
        }
        for (int combination = 0; combination < 1 << conditional.size(); combination++) {
            List<String> constraints = new ArrayList<>(scope);
            List<String> applied = new ArrayList<>();
            List<String> amounts = new ArrayList<>();
            for (int l = 0; l < lines.size(); l++) {
                BenefitLine line = lines.get(l);
                int bit = conditional.indexOf(l);
                String field = amountField(line);
                if (bit >= 0 && (combination & (1 << bit)) == 0) {
                    constraints.add(skipped(line, field));
                    continue;
                }
                if (line.when() != null) {
                    constraints.add(isTrue(line.when()));
                }
                if (field != null) {
                    constraints.add(field + " != null");
                }
                if (line.tiers() != null) {
                    constraints.add(field + " >= " + lowestStep(line));
                }
                applied.add(Integer.toString(l));
                amounts.add(amount(line));
            }
            drl.append("rule \"screen|").append(p.id()).append('|').append(combination).append("\"\n")
                    .append("    @policy(\"").append(p.id()).append("\")\n")
                    .append("when\n")
                    .append("    $c: Candidate(\n        ").append(String.join(",\n        ", constraints)).append(")\n")
                    .append("then\n")
                    .append("    ").append(GLOBAL).append(".eligible(").append(index).append(", $c, ")
                    .append(p.perEnterpriseCap() == null ? "null" : "\"" + p.perEnterpriseCap().toPlainString() + "\"")
                    .append(", new int[] {").append(String.join(", ", applied)).append("}, new java.math.BigDecimal[] {");
            drl.append(String.join(",\n            ", amounts));
            drl.append("});\nend\n\n");
        }
    }

    // ------------------------------------------------------------ conditions, three-valued

    /**
     * The conjunction a node requires, as separate constraints: nested ALL groups are flattened and a leaf's
     * "known" test stands alone, so identical constraints of different policies share one alpha node.
     */
    private static void constraints(Condition c, List<String> out) {
        if (c.isGroup() && "ALL".equals(c.groupKind())) {
            c.children().forEach(child -> constraints(child, out));
        } else if (!c.isGroup() && leaf(c).known() != null) {
            Leaf leaf = leaf(c);
            out.add(leaf.known());
            out.add(leaf.test());
        } else {
            out.add(isTrue(c));
        }
    }

    private static String isTrue(Condition c) {
        if (!c.isGroup()) {
            Leaf leaf = leaf(c);
            return leaf.known() == null ? leaf.test() : "(" + leaf.known() + " && " + leaf.test() + ")";
        }
        return switch (c.groupKind()) {
            case "ALL" -> join(c.children().stream().map(ScreeningCompiler::isTrue).toList(), " && ");
            case "ANY" -> join(c.children().stream().map(ScreeningCompiler::isTrue).toList(), " || ");
            default -> isFalse(c.not());
        };
    }

    private static String isFalse(Condition c) {
        if (!c.isGroup()) {
            Leaf leaf = leaf(c);
            return leaf.known() == null ? "!(" + leaf.test() + ")" : "(" + leaf.known() + " && !(" + leaf.test() + "))";
        }
        return switch (c.groupKind()) {
            case "ALL" -> join(c.children().stream().map(ScreeningCompiler::isFalse).toList(), " || ");
            case "ANY" -> join(c.children().stream().map(ScreeningCompiler::isFalse).toList(), " && ");
            default -> isTrue(c.not());
        };
    }

    private static String join(List<String> parts, String operator) {
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(operator, parts) + ")";
    }

    /** A leaf as "is it known" (null: always) and "does it hold" (given known), both DRL constraints on Candidate. */
    private record Leaf(String known, String test) {
    }

    private static Leaf leaf(Condition c) {
        if (c.industryPrefixes() != null) {
            return new Leaf("industryCode != null", prefixes("industryCode", c.industryPrefixes()));
        }
        if (c.regionPrefixes() != null) {
            return new Leaf("regionCode != null", prefixes("regionCode", c.regionPrefixes()));
        }
        if (c.parks() != null) {
            return new Leaf("park != null", "(park in (" + c.parks().stream().map(PolicyCompiler::lit).collect(Collectors.joining(", ")) + "))");
        }
        if (c.qualification() != null) {
            long from = c.qualifiedFrom() == null ? -OPEN_BOUND : c.qualifiedFrom().toEpochDay();
            long to = c.qualifiedTo() == null ? OPEN_BOUND : c.qualifiedTo().toEpochDay();
            return new Leaf("qualificationsKnown", "holds(" + PolicyCompiler.lit(c.qualification()) + ", " + from + "L, " + to + "L)");
        }
        if (c.notListed() != null) {
            return new Leaf(null, "!listedOn(" + PolicyCompiler.lit(String.join(",", c.notListed())) + ")");
        }
        String field = c.field();
        List<Object> values = c.values() != null ? c.values() : List.of(c.value());
        if (field.startsWith(PolicyFields.ATTRIBUTE_PREFIX)) {
            String name = PolicyCompiler.lit(field.substring(PolicyFields.ATTRIBUTE_PREFIX.length()));
            Object sample = values.get(0);
            String accessor = (sample instanceof Number ? "attributeNumber(" : sample instanceof Boolean ? "attributeBoolean(" : "attributeText(") + name + ")";
            return new Leaf(accessor + " != null",
                    "(" + PolicyCompiler.compare(accessor, c.op(), values, sample instanceof Number ? PolicyFields.MONEY : PolicyFields.TEXT) + ")");
        }
        PolicyFields type = PolicyFields.FIELDS.get(field);
        if (type == PolicyFields.DATE) {
            // Dates compare as epoch days.
            long day = PolicyCompiler.parseDate(values.get(0)).toEpochDay();
            return new Leaf("establishedDay != null", "(establishedDay " + c.op() + " " + day + ")");
        }
        return new Leaf(field + " != null", "(" + PolicyCompiler.compare(field, c.op(), values, type == PolicyFields.SIZE ? PolicyFields.TEXT : type) + ")");
    }

    private static String prefixes(String field, List<String> prefixes) {
        // A method call, not the str[startsWith] operator: that operator breaks once Drools JIT-compiles the constraint.
        return "(" + prefixes.stream().map(p -> field + ".startsWith(" + PolicyCompiler.lit(p) + ")").collect(Collectors.joining(" || ")) + ")";
    }

    // ------------------------------------------------------------ amounts (Java, in the consequence)

    /** A line adds nothing: its {@code when} is false, or (tiers) its field is known and below the lowest step. */
    private static String skipped(BenefitLine line, String field) {
        List<String> reasons = new ArrayList<>();
        if (line.when() != null) {
            reasons.add(isFalse(line.when()));
        }
        if (line.tiers() != null) {
            String below = field + " != null && " + field + " < " + lowestStep(line);
            reasons.add(line.when() == null ? "(" + below + ")" : "(" + isTrue(line.when()) + " && " + below + ")");
        }
        return join(reasons, " || ");
    }

    private static String lowestStep(BenefitLine line) {
        BigDecimal lowest = line.tiers().steps().stream().map(PolicyDefinition.Step::atLeast).min(Comparator.naturalOrder()).orElseThrow();
        return PolicyCompiler.literal(lowest, PolicyFields.FIELDS.get(line.tiers().field()));
    }

    private static String amountField(BenefitLine line) {
        return line.percent() != null ? line.percent().field() : line.tiers() != null ? line.tiers().field()
                : line.perUnit() != null ? line.perUnit().field() : null;
    }

    private static String getter(String field) {
        return "$c.get" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "()";
    }

    private static String amount(BenefitLine line) {
        if (line.fixed() != null) {
            return "Money.of(\"" + line.fixed().toPlainString() + "\")";
        }
        if (line.percent() != null) {
            return "Money.percent(new java.math.BigDecimal(" + getter(line.percent().field()) + ".toString()), \""
                    + line.percent().rate().toPlainString() + "\", " + cap(line.percent().cap()) + ")";
        }
        if (line.perUnit() != null) {
            return "Money.perUnit(" + getter(line.perUnit().field()) + ", \"" + line.perUnit().amount().toPlainString() + "\", "
                    + cap(line.perUnit().cap()) + ")";
        }
        String steps = line.tiers().steps().stream().sorted(Comparator.comparing(PolicyDefinition.Step::atLeast))
                .map(s -> "\"" + s.atLeast().toPlainString() + "\", \"" + s.amount().toPlainString() + "\"")
                .collect(Collectors.joining(", "));
        return "Money.tier(" + getter(line.tiers().field()) + ", " + steps + ")";
    }

    private static String cap(BigDecimal cap) {
        return cap == null ? "null" : "\"" + cap.toPlainString() + "\"";
    }
}
