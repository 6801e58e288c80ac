package cn.zhiban.matching;

import cn.zhiban.matching.PolicyDefinition.Condition;
import cn.zhiban.matching.facts.AsOf;
import cn.zhiban.matching.facts.BenefitAmount;
import cn.zhiban.matching.facts.BenefitGap;
import cn.zhiban.matching.facts.ConditionResult;
import cn.zhiban.matching.facts.CreditListing;
import cn.zhiban.matching.facts.HeldQualification;
import cn.zhiban.matching.facts.Profile;
import cn.zhiban.matching.facts.SizeClass;
import cn.zhiban.rules.CompiledRuleSet;
import org.kie.api.runtime.rule.AgendaFilter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the policies rule set over enterprises as of a date and reads the answer back: the rules
 * decide each condition (MET / NOT_MET / UNKNOWN) and each benefit line; this class only sorts those
 * results into eligible, undetermined and near misses, and sums the lines. No database access.
 */
public final class Matcher {
    /** A near miss fails at most this many conditions. */
    static final int NEAR_MISS_LIMIT = 2;

    private Matcher() {
    }

    /** An enterprise as the matcher needs it. */
    public record Subject(Profile profile, List<HeldQualification> qualifications, List<CreditListing> listings) {
    }

    /** Matches each subject against the policies in force on {@code asOf} (optionally only {@code onlyPolicy}). */
    public static Map<String, MatchResult> match(Policies.Active active, Collection<Subject> subjects, LocalDate asOf, String onlyPolicy) {
        return match(active, subjects, asOf, onlyPolicy, null);
    }

    /** As above, recording every rule that fired in {@code firedRules} (null: not recorded). */
    public static Map<String, MatchResult> match(Policies.Active active, Collection<Subject> subjects, LocalDate asOf, String onlyPolicy,
                                                 Set<String> firedRules) {
        CompiledRuleSet rules = active.rules();
        Map<String, PolicyDefinition> inForce = new LinkedHashMap<>();
        active.inForce(asOf, onlyPolicy).forEach(p -> inForce.put(p.id(), p));
        List<Object> facts = new ArrayList<>();
        facts.add(new AsOf(asOf));
        for (Subject s : subjects) {
            facts.add(s.profile());
            facts.addAll(s.qualifications());
            facts.addAll(s.listings());
        }
        // Rules of policies not in force do not fire at all; derived-fact rules (no @policy) always do.
        AgendaFilter filter = match -> {
            Object policy = match.getRule().getMetaData().get("policy");
            return policy == null || inForce.containsKey(unquote(policy));
        };
        List<Object> derived = rules.evaluate(facts, Map.of(), filter, firedRules);

        Map<String, Map<String, Map<String, ConditionResult>>> results = new HashMap<>();
        Map<String, Map<String, List<BenefitAmount>>> amounts = new HashMap<>();
        Map<String, Map<String, Set<String>>> gaps = new HashMap<>();
        Map<String, String> sizes = new HashMap<>();
        for (Object o : derived) {
            if (o instanceof ConditionResult r) {
                results.computeIfAbsent(r.getUscc(), k -> new HashMap<>()).computeIfAbsent(r.getPolicyId(), k -> new HashMap<>()).put(r.getNodeId(), r);
            } else if (o instanceof BenefitAmount a) {
                amounts.computeIfAbsent(a.getUscc(), k -> new HashMap<>()).computeIfAbsent(a.getPolicyId(), k -> new ArrayList<>()).add(a);
            } else if (o instanceof BenefitGap g) {
                gaps.computeIfAbsent(g.getUscc(), k -> new HashMap<>()).computeIfAbsent(g.getPolicyId(), k -> new LinkedHashSet<>()).add(g.getField());
            } else if (o instanceof SizeClass size) {
                sizes.put(size.getUscc(), size.getValue());
            }
        }

        Map<String, MatchResult> out = new LinkedHashMap<>();
        for (Subject s : subjects) {
            String uscc = s.profile().getUscc();
            List<MatchResult.Eligible> eligible = new ArrayList<>();
            List<MatchResult.Undetermined> undetermined = new ArrayList<>();
            List<MatchResult.NearMiss> nearMisses = new ArrayList<>();
            for (PolicyDefinition p : inForce.values()) {
                Map<String, ConditionResult> byNode = results.getOrDefault(uscc, Map.of()).getOrDefault(p.id(), Map.of());
                ConditionResult root = byNode.get(PolicyCompiler.ROOT);
                if (root == null) {
                    throw new IllegalStateException("rule set " + rules.version() + " gave no result for policy " + p.id());
                }
                Condition tree = PolicyCompiler.scopedRoot(p);
                Set<String> missing = gaps.getOrDefault(uscc, Map.of()).getOrDefault(p.id(), Set.of());
                switch (root.getValue()) {
                    case ConditionResult.MET -> {
                        if (missing.isEmpty()) {
                            eligible.add(eligible(p, tree, byNode, amounts.getOrDefault(uscc, Map.of()).getOrDefault(p.id(), List.of())));
                        } else {
                            undetermined.add(new MatchResult.Undetermined(p.id(), p.title(), List.copyOf(missing)));
                        }
                    }
                    case ConditionResult.UNKNOWN -> {
                        Set<String> fields = new LinkedHashSet<>();
                        leaves(tree).stream().map(c -> byNode.get(c.id()))
                                .filter(r -> r != null && ConditionResult.UNKNOWN.equals(r.getValue()))
                                .forEach(r -> fields.add(r.getField()));
                        undetermined.add(new MatchResult.Undetermined(p.id(), p.title(), List.copyOf(fields)));
                    }
                    default -> {
                        // Outside the policy's regions is out of scope, not a near miss: no one moves district for it.
                        ConditionResult region = byNode.get(PolicyCompiler.REGION_SCOPE);
                        if (region != null && ConditionResult.NOT_MET.equals(region.getValue())) {
                            continue;
                        }
                        List<MatchResult.Unmet> unmet = new ArrayList<>();
                        collectUnmet(tree, byNode, unmet);
                        if (!unmet.isEmpty() && unmet.size() <= NEAR_MISS_LIMIT) {
                            nearMisses.add(new MatchResult.NearMiss(p.id(), p.title(), unmet));
                        }
                    }
                }
            }
            eligible.sort(Comparator.comparing(MatchResult.Eligible::amount).reversed().thenComparing(MatchResult.Eligible::policyId));
            out.put(uscc, new MatchResult(uscc, asOf, rules.version(), sizes.get(uscc), eligible, undetermined, nearMisses));
        }
        return out;
    }

    private static MatchResult.Eligible eligible(PolicyDefinition p, Condition tree, Map<String, ConditionResult> byNode, List<BenefitAmount> amounts) {
        List<BenefitAmount> sorted = amounts.stream().sorted(Comparator.comparingInt(BenefitAmount::getLine)).toList();
        List<MatchResult.BreakdownLine> breakdown = breakdown(p, sorted.stream().mapToInt(BenefitAmount::getLine).toArray(),
                sorted.stream().map(BenefitAmount::getAmount).toArray(BigDecimal[]::new));
        BigDecimal total = total(breakdown);
        List<MatchResult.Reason> reasons = leaves(tree).stream()
                .filter(c -> byNode.get(c.id()) != null && ConditionResult.MET.equals(byNode.get(c.id()).getValue()))
                .map(c -> new MatchResult.Reason(c.text(), c.source()))
                .toList();
        return new MatchResult.Eligible(p.id(), p.title(), p.kind(), p.delivery(), total, breakdown, reasons,
                "QUICK_APPLY".equals(p.delivery()) ? p.howToApply() : null);
    }

    /** The benefit lines that applied, with their labels and citations, and the per-enterprise cap as a line of its own. */
    public static List<MatchResult.BreakdownLine> breakdown(PolicyDefinition p, int[] lines, BigDecimal[] amounts) {
        List<MatchResult.BreakdownLine> breakdown = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            PolicyDefinition.BenefitLine line = p.benefit().lines().get(lines[i]);
            breakdown.add(new MatchResult.BreakdownLine(line.label(), amounts[i], line.source()));
        }
        BigDecimal total = total(breakdown);
        if (p.perEnterpriseCap() != null && total.compareTo(p.perEnterpriseCap()) > 0) {
            breakdown.add(new MatchResult.BreakdownLine("单户上限调减(上限 " + p.perEnterpriseCap().toPlainString() + " 元)",
                    p.perEnterpriseCap().subtract(total), p.document() + " " + p.article()));
        }
        return breakdown;
    }

    public static BigDecimal total(List<MatchResult.BreakdownLine> breakdown) {
        return breakdown.stream().map(MatchResult.BreakdownLine::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** What makes a failed node fail: failed leaves of ALL groups, every child of a failed ANY, a NOT as itself. */
    private static void collectUnmet(Condition node, Map<String, ConditionResult> byNode, List<MatchResult.Unmet> out) {
        ConditionResult r = byNode.get(node.id());
        if (r == null || !ConditionResult.NOT_MET.equals(r.getValue())) {
            return;
        }
        if (!node.isGroup()) {
            out.add(new MatchResult.Unmet(r.getField(), node.text(), r.getActual(), Requirements.describe(node), node.source()));
        } else if (node.not() != null) {
            Condition inner = node.not();
            out.add(new MatchResult.Unmet(inner.isGroup() ? null : leafField(inner, byNode), "不得:" + (inner.text() == null ? inner.id() : inner.text()),
                    inner.isGroup() ? null : byNode.get(inner.id()).getActual(), "不满足:" + Requirements.describe(inner), inner.source()));
        } else {
            node.children().forEach(child -> collectUnmet(child, byNode, out));
        }
    }

    private static String leafField(Condition leaf, Map<String, ConditionResult> byNode) {
        ConditionResult r = byNode.get(leaf.id());
        return r == null ? null : r.getField();
    }

    static List<Condition> leaves(Condition node) {
        if (!node.isGroup()) {
            return List.of(node);
        }
        List<Condition> out = new ArrayList<>();
        node.children().forEach(child -> out.addAll(leaves(child)));
        return out;
    }

    private static String unquote(Object metadata) {
        String s = metadata.toString();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
