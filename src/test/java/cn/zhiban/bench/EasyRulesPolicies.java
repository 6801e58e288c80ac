package cn.zhiban.bench;

import cn.zhiban.matching.PolicyCompiler;
import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.matching.PolicyDefinition.BenefitLine;
import cn.zhiban.matching.PolicyDefinition.Condition;
import cn.zhiban.matching.ScreeningSink;
import cn.zhiban.matching.facts.Candidate;
import cn.zhiban.matching.facts.Money;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.RuleListener;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngineParameters;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.mvel.MVELRule;
import org.mvel2.ParserContext;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The policy files in Easy Rules 4.1, as a Java team without Drools would write them: one {@link MVELRule} per
 * policy, its condition and action generated as MVEL text from the policy data, fired by a {@link DefaultRulesEngine}
 * once per candidate (facts {@code c}: the {@link Candidate}, {@code sink}: the {@link ScreeningSink}).
 * Same reading as {@link cn.zhiban.matching.ScreeningCompiler}; amounts through {@link Money}.
 */
public final class EasyRulesPolicies {
    /** An open qualification date bound, in epoch days. */
    private static final long OPEN_BOUND = 100_000_000L;
    private final Rules rules = new Rules();
    private final DefaultRulesEngine engine = new DefaultRulesEngine(new RulesEngineParameters().skipOnFirstAppliedRule(false));

    private EasyRulesPolicies(List<PolicyDefinition> policies) {
        engine.registerRuleListener(new Loud());
        ParserContext imports = new ParserContext();
        imports.addImport(Money.class);
        imports.addImport(BigDecimal.class);
        for (int i = 0; i < policies.size(); i++) {
            PolicyDefinition p = policies.get(i);
            rules.register(new MVELRule(imports).name(p.id()).when(condition(p)).then(action(i, p)));
        }
    }

    public static EasyRulesPolicies compile(List<PolicyDefinition> policies) {
        return new EasyRulesPolicies(policies);
    }

    /** Reports every eligible (policy, candidate) pair, policy i of the compiled list as index i; sizes must be set. */
    public void screen(List<Candidate> candidates, ScreeningSink sink) {
        Facts facts = new Facts();
        facts.put("sink", sink);
        for (Candidate c : candidates) {
            facts.put("c", c);
            engine.fire(rules, facts);
        }
    }

    /** The engine logs a rule that throws and goes on as if it had not applied; here it stops the screening instead. */
    private static final class Loud implements RuleListener {
        @Override
        public void onEvaluationError(Rule rule, Facts facts, Exception e) {
            throw new IllegalStateException("condition of " + rule.getName(), e);
        }

        @Override
        public void onFailure(Rule rule, Facts facts, Exception e) {
            throw new IllegalStateException("action of " + rule.getName(), e);
        }
    }

    /** Eligible: the conditions true, every conditional line's {@code when} known, every applying line's amount field known. */
    static String condition(PolicyDefinition p) {
        List<String> parts = new ArrayList<>();
        parts.add(isTrue(PolicyCompiler.scopedRoot(p)));
        for (BenefitLine line : p.benefit().lines()) {
            String field = amountField(line);
            if (line.when() != null) {
                parts.add("(" + isTrue(line.when()) + " || " + isFalse(line.when()) + ")");
            }
            if (field != null) {
                parts.add(line.when() == null ? "c." + field + " != null" : "(" + isFalse(line.when()) + " || c." + field + " != null)");
            }
        }
        return String.join(" && ", parts);
    }

    static String action(int index, PolicyDefinition p) {
        String cap = p.perEnterpriseCap() == null ? "null" : quote(p.perEnterpriseCap());
        String lines = p.benefit().lines().stream()
                .map(line -> line.when() == null ? amount(line) : "(" + isTrue(line.when()) + " ? " + amount(line) + " : Money.of(\"0\"))")
                .collect(Collectors.joining(", "));
        return "sink.eligible(" + index + ", c, Money.total(" + cap + ", " + lines + "));";
    }

    // ------------------------------------------------------------ conditions, three-valued

    private static String isTrue(Condition c) {
        if (!c.isGroup()) {
            Leaf leaf = leaf(c);
            return leaf.known() == null ? leaf.test() : "(" + leaf.known() + " && " + leaf.test() + ")";
        }
        return switch (c.groupKind()) {
            case "ALL" -> join(c.children().stream().map(EasyRulesPolicies::isTrue).toList(), " && ");
            case "ANY" -> join(c.children().stream().map(EasyRulesPolicies::isTrue).toList(), " || ");
            default -> isFalse(c.not());
        };
    }

    private static String isFalse(Condition c) {
        if (!c.isGroup()) {
            Leaf leaf = leaf(c);
            return leaf.known() == null ? "!" + leaf.test() : "(" + leaf.known() + " && !" + leaf.test() + ")";
        }
        return switch (c.groupKind()) {
            case "ALL" -> join(c.children().stream().map(EasyRulesPolicies::isFalse).toList(), " || ");
            case "ANY" -> join(c.children().stream().map(EasyRulesPolicies::isFalse).toList(), " && ");
            default -> isTrue(c.not());
        };
    }

    private static String join(List<String> parts, String operator) {
        return "(" + String.join(operator, parts) + ")";
    }

    /** A leaf as "is it known" (null: always) and "does it hold", both parenthesised MVEL over {@code c}. */
    private record Leaf(String known, String test) {
    }

    private static Leaf leaf(Condition c) {
        if (c.industryPrefixes() != null) {
            return new Leaf("c.industryCode != null", startsWithAny("c.industryCode", c.industryPrefixes()));
        }
        if (c.regionPrefixes() != null) {
            return new Leaf("c.regionCode != null", startsWithAny("c.regionCode", c.regionPrefixes()));
        }
        if (c.parks() != null) {
            return new Leaf("c.park != null", compare("c.park", "in", c.parks().stream().map(PolicyCompiler::lit).toList()));
        }
        if (c.qualification() != null) {
            long from = c.qualifiedFrom() == null ? -OPEN_BOUND : c.qualifiedFrom().toEpochDay();
            long to = c.qualifiedTo() == null ? OPEN_BOUND : c.qualifiedTo().toEpochDay();
            return new Leaf("c.qualificationsKnown", "c.holds(" + PolicyCompiler.lit(c.qualification()) + ", " + from + "L, " + to + "L)");
        }
        if (c.notListed() != null) {
            return new Leaf(null, "(!c.listedOn(" + PolicyCompiler.lit(String.join(",", c.notListed())) + "))");
        }
        String field = c.field();
        List<Object> values = c.values() != null ? c.values() : List.of(c.value());
        String accessor;
        List<String> literals;
        if (field.startsWith("attributes.")) {
            String name = PolicyCompiler.lit(field.substring("attributes.".length()));
            Object sample = values.get(0);
            accessor = (sample instanceof Number ? "c.attributeNumber(" : sample instanceof Boolean ? "c.attributeBoolean(" : "c.attributeText(") + name + ")";
            literals = values.stream().map(v -> v instanceof Number ? new BigDecimal(v.toString()).toPlainString() + "B"
                    : v instanceof Boolean ? v.toString() : PolicyCompiler.lit(v.toString())).toList();
        } else if (field.equals("establishedOn")) {
            accessor = "c.establishedDay";
            literals = List.of(String.valueOf(LocalDate.parse(values.get(0).toString()).toEpochDay()));
        } else {
            accessor = "c." + field;
            literals = values.stream().map(v -> v instanceof Number ? new BigDecimal(v.toString()).toPlainString()
                    + (field.equals("insuredEmployees") || field.equals("graduatesHired") ? "" : "B") : PolicyCompiler.lit(v.toString())).toList();
        }
        return new Leaf(accessor + " != null", compare(accessor, c.op(), literals));
    }

    private static String startsWithAny(String accessor, List<String> prefixes) {
        return "(" + prefixes.stream().map(p -> accessor + ".startsWith(" + PolicyCompiler.lit(p) + ")").collect(Collectors.joining(" || ")) + ")";
    }

    private static String compare(String accessor, String op, List<String> literals) {
        return switch (op) {
            case "in" -> "(" + literals.stream().map(l -> accessor + " == " + l).collect(Collectors.joining(" || ")) + ")";
            case "notIn" -> "(" + literals.stream().map(l -> accessor + " != " + l).collect(Collectors.joining(" && ")) + ")";
            default -> "(" + accessor + " " + op + " " + literals.get(0) + ")";
        };
    }

    // ------------------------------------------------------------ amounts

    private static String amountField(BenefitLine line) {
        return line.percent() != null ? line.percent().field() : line.tiers() != null ? line.tiers().field()
                : line.perUnit() != null ? line.perUnit().field() : null;
    }

    private static String amount(BenefitLine line) {
        if (line.fixed() != null) {
            return "Money.of(" + quote(line.fixed()) + ")";
        }
        if (line.percent() != null) {
            return "Money.percent(new BigDecimal(c." + line.percent().field() + ".toString()), " + quote(line.percent().rate()) + ", "
                    + quote(line.percent().cap()) + ")";
        }
        if (line.perUnit() != null) {
            return "Money.perUnit(c." + line.perUnit().field() + ", " + quote(line.perUnit().amount()) + ", " + quote(line.perUnit().cap()) + ")";
        }
        return "Money.tier(c." + line.tiers().field() + ", " + line.tiers().steps().stream().sorted(Comparator.comparing(PolicyDefinition.Step::atLeast))
                .map(s -> quote(s.atLeast()) + ", " + quote(s.amount())).collect(Collectors.joining(", ")) + ")";
    }

    private static String quote(BigDecimal amount) {
        return amount == null ? "null" : "\"" + amount.toPlainString() + "\"";
    }
}
