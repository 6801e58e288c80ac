package cn.zhiban.bench;

import cn.zhiban.matching.PolicyCompiler;
import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.matching.PolicyDefinition.BenefitLine;
import cn.zhiban.matching.PolicyDefinition.Condition;
import cn.zhiban.matching.PolicyDefinition.Step;
import cn.zhiban.matching.ScreeningSink;
import cn.zhiban.matching.facts.Candidate;
import cn.zhiban.matching.facts.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The policy files as plain Java predicates, the practical limit of the benchmark: each policy becomes a tree
 * of closures once (field names resolved to getters, literals parsed), so screening a candidate is only calls
 * and comparisons. Same reading as {@link cn.zhiban.matching.ScreeningCompiler}: a node is true only when known
 * and true, false only when known and false; a benefit line whose {@code when} is neither, or whose amount field
 * is unknown, leaves the enterprise not eligible; amounts through {@link Money}.
 */
public final class JavaPredicates {
    private static final BigDecimal NOTHING = Money.of("0");
    private final List<Policy> policies;

    private JavaPredicates(List<Policy> policies) {
        this.policies = policies;
    }

    public static JavaPredicates compile(List<PolicyDefinition> policies) {
        return new JavaPredicates(policies.stream().map(JavaPredicates::policy).toList());
    }

    /** Reports every eligible (policy, candidate) pair, policy i of the compiled list as index i; sizes must be set. */
    public void screen(List<Candidate> candidates, ScreeningSink sink) {
        for (Candidate c : candidates) {
            for (int i = 0; i < policies.size(); i++) {
                BigDecimal amount = policies.get(i).amount(c);
                if (amount != null) {
                    sink.eligible(i, c, amount);
                }
            }
        }
    }

    // ------------------------------------------------------------ policies and benefit lines

    private record Policy(Predicate<Candidate> conditions, Line[] lines, String cap) {
        /** The amount when eligible, else null. */
        BigDecimal amount(Candidate c) {
            if (!conditions.test(c)) {
                return null;
            }
            BigDecimal[] amounts = new BigDecimal[lines.length];
            for (int i = 0; i < lines.length; i++) {
                Line line = lines[i];
                if (line.applies == null || line.applies.test(c)) {
                    amounts[i] = line.amount.apply(c);
                    if (amounts[i] == null) {
                        return null;
                    }
                } else if (line.notApplies.test(c)) {
                    amounts[i] = NOTHING;
                } else {
                    return null;
                }
            }
            return Money.total(cap, amounts);
        }
    }

    /** A benefit line: when it applies (null: always), when it surely does not, and its amount (null: field unknown). */
    private record Line(Predicate<Candidate> applies, Predicate<Candidate> notApplies, Function<Candidate, BigDecimal> amount) {
    }

    private static Policy policy(PolicyDefinition p) {
        Line[] lines = p.benefit().lines().stream().map(line -> new Line(line.when() == null ? null : isTrue(line.when()),
                line.when() == null ? null : isFalse(line.when()), amount(line))).toArray(Line[]::new);
        return new Policy(isTrue(PolicyCompiler.scopedRoot(p)), lines, plain(p.perEnterpriseCap()));
    }

    private static Function<Candidate, BigDecimal> amount(BenefitLine line) {
        if (line.fixed() != null) {
            BigDecimal fixed = Money.of(line.fixed().toPlainString());
            return c -> fixed;
        }
        if (line.percent() != null) {
            Function<Candidate, ? extends Number> base = number(line.percent().field());
            String rate = line.percent().rate().toPlainString();
            String cap = plain(line.percent().cap());
            return c -> {
                Number v = base.apply(c);
                return v == null ? null : Money.percent(new BigDecimal(v.toString()), rate, cap);
            };
        }
        if (line.perUnit() != null) {
            Function<Candidate, Integer> count = integer(line.perUnit().field());
            String each = line.perUnit().amount().toPlainString();
            String cap = plain(line.perUnit().cap());
            return c -> {
                Integer v = count.apply(c);
                return v == null ? null : Money.perUnit(v, each, cap);
            };
        }
        Function<Candidate, ? extends Number> value = number(line.tiers().field());
        String[] steps = line.tiers().steps().stream().sorted(Comparator.comparing(Step::atLeast))
                .flatMap(s -> java.util.stream.Stream.of(s.atLeast().toPlainString(), s.amount().toPlainString())).toArray(String[]::new);
        return c -> {
            Number v = value.apply(c);
            return v == null ? null : Money.tier(v, steps);
        };
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    // ------------------------------------------------------------ conditions, three-valued as two predicates

    private static Predicate<Candidate> isTrue(Condition c) {
        if (!c.isGroup()) {
            return leaf(c, true);
        }
        return switch (c.groupKind()) {
            case "ALL" -> all(c.children().stream().map(JavaPredicates::isTrue).toList());
            case "ANY" -> any(c.children().stream().map(JavaPredicates::isTrue).toList());
            default -> isFalse(c.not());
        };
    }

    private static Predicate<Candidate> isFalse(Condition c) {
        if (!c.isGroup()) {
            return leaf(c, false);
        }
        return switch (c.groupKind()) {
            case "ALL" -> any(c.children().stream().map(JavaPredicates::isFalse).toList());
            case "ANY" -> all(c.children().stream().map(JavaPredicates::isFalse).toList());
            default -> isTrue(c.not());
        };
    }

    @SuppressWarnings("unchecked")
    private static Predicate<Candidate> all(List<Predicate<Candidate>> parts) {
        Predicate<Candidate>[] p = parts.toArray(Predicate[]::new);
        return c -> {
            for (Predicate<Candidate> part : p) {
                if (!part.test(c)) {
                    return false;
                }
            }
            return true;
        };
    }

    @SuppressWarnings("unchecked")
    private static Predicate<Candidate> any(List<Predicate<Candidate>> parts) {
        Predicate<Candidate>[] p = parts.toArray(Predicate[]::new);
        return c -> {
            for (Predicate<Candidate> part : p) {
                if (part.test(c)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The leaf is known and {@code holds} equals its test. */
    private static Predicate<Candidate> leaf(Condition c, boolean holds) {
        if (c.industryPrefixes() != null) {
            return known(Candidate::getIndustryCode, startsWithAny(c.industryPrefixes()), holds);
        }
        if (c.regionPrefixes() != null) {
            return known(Candidate::getRegionCode, startsWithAny(c.regionPrefixes()), holds);
        }
        if (c.parks() != null) {
            return known(Candidate::getPark, c.parks()::contains, holds);
        }
        if (c.qualification() != null) {
            String type = c.qualification();
            long from = c.qualifiedFrom() == null ? Long.MIN_VALUE : c.qualifiedFrom().toEpochDay();
            long to = c.qualifiedTo() == null ? Long.MAX_VALUE : c.qualifiedTo().toEpochDay();
            return x -> x.isQualificationsKnown() && x.holds(type, from, to) == holds;
        }
        if (c.notListed() != null) {
            String lists = String.join(",", c.notListed());
            return x -> x.listedOn(lists) != holds;
        }
        String field = c.field();
        String op = c.op();
        List<Object> values = c.values() != null ? c.values() : List.of(c.value());
        if (field.startsWith("attributes.")) {
            String name = field.substring("attributes.".length());
            Object sample = values.get(0);
            if (sample instanceof Number) {
                return known(x -> x.attributeNumber(name), compare(op, values.stream().map(v -> new BigDecimal(v.toString())).toList()), holds);
            }
            if (sample instanceof Boolean) {
                return known(x -> x.attributeBoolean(name), compare(op, values.stream().map(Boolean.class::cast).toList()), holds);
            }
            return known(x -> x.attributeText(name), compare(op, values.stream().map(Object::toString).toList()), holds);
        }
        if (field.equals("establishedOn")) {
            int day = (int) LocalDate.parse(values.get(0).toString()).toEpochDay();
            return known(Candidate::getEstablishedDay, compare(op, List.of(day)), holds);
        }
        Function<Candidate, String> text = text(field);
        if (text != null) {
            return known(text, compare(op, values.stream().map(Object::toString).toList()), holds);
        }
        Function<Candidate, Integer> integer = integer(field);
        if (integer != null) {
            return known(integer, compare(op, values.stream().map(v -> new BigDecimal(v.toString()).intValueExact()).toList()), holds);
        }
        return known(money(field), compare(op, values.stream().map(v -> new BigDecimal(v.toString())).toList()), holds);
    }

    private static <T> Predicate<Candidate> known(Function<Candidate, T> value, Predicate<T> test, boolean holds) {
        return c -> {
            T v = value.apply(c);
            return v != null && test.test(v) == holds;
        };
    }

    private static Predicate<String> startsWithAny(List<String> prefixes) {
        String[] p = prefixes.toArray(String[]::new);
        return s -> {
            for (String prefix : p) {
                if (s.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The operator against the literals; equality is by value ({@code compareTo}), so 0.1 equals 0.10. */
    private static <T extends Comparable<T>> Predicate<T> compare(String op, List<T> literals) {
        T first = literals.get(0);
        return switch (op) {
            case ">=" -> v -> v.compareTo(first) >= 0;
            case ">" -> v -> v.compareTo(first) > 0;
            case "<=" -> v -> v.compareTo(first) <= 0;
            case "<" -> v -> v.compareTo(first) < 0;
            case "==" -> v -> v.compareTo(first) == 0;
            case "!=" -> v -> v.compareTo(first) != 0;
            case "in" -> v -> isOneOf(v, literals);
            case "notIn" -> v -> !isOneOf(v, literals);
            default -> throw new IllegalArgumentException("operator " + op);
        };
    }

    private static <T extends Comparable<T>> boolean isOneOf(T value, List<T> literals) {
        for (T literal : literals) {
            if (value.compareTo(literal) == 0) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------ fields to getters, once

    private static Function<Candidate, String> text(String field) {
        return switch (field) {
            case "regionCode" -> Candidate::getRegionCode;
            case "park" -> Candidate::getPark;
            case "industryCode" -> Candidate::getIndustryCode;
            case "taxCreditGrade" -> Candidate::getTaxCreditGrade;
            case "publicCreditGrade" -> Candidate::getPublicCreditGrade;
            case "sizeClass" -> Candidate::getSizeClass;
            default -> null;
        };
    }

    private static Function<Candidate, Integer> integer(String field) {
        return switch (field) {
            case "insuredEmployees" -> Candidate::getInsuredEmployees;
            case "graduatesHired" -> Candidate::getGraduatesHired;
            default -> null;
        };
    }

    private static Function<Candidate, BigDecimal> money(String field) {
        return switch (field) {
            case "revenue" -> Candidate::getRevenue;
            case "totalAssets" -> Candidate::getTotalAssets;
            case "taxPaid" -> Candidate::getTaxPaid;
            case "rdExpense" -> Candidate::getRdExpense;
            case "unemploymentInsurancePaid" -> Candidate::getUnemploymentInsurancePaid;
            default -> throw new IllegalArgumentException("field " + field);
        };
    }

    private static Function<Candidate, ? extends Number> number(String field) {
        Function<Candidate, Integer> integer = integer(field);
        return integer != null ? integer : money(field);
    }
}
