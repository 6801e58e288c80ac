package cn.zhiban.scale;

import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.matching.PolicyDefinition.Benefit;
import cn.zhiban.matching.PolicyDefinition.BenefitLine;
import cn.zhiban.matching.PolicyDefinition.Condition;
import cn.zhiban.matching.PolicyDefinition.Percent;
import cn.zhiban.matching.PolicyDefinition.PerUnit;
import cn.zhiban.matching.PolicyDefinition.Step;
import cn.zhiban.matching.PolicyDefinition.Tiers;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seeded set of policies for scale tests, made by varying the real policies of policy-data/policies:
 * each generated policy takes one real policy and moves it to another place and year, rescales its
 * thresholds and amounts, swaps related industries and qualifications, and adds credit, size, age or
 * scale conditions and extra benefit lines. Policy {@code k} depends only on (seed, k, the real policies).
 * Every result is illustrative and says which real policy it was made from.
 */
public final class PolicyGenerator {
    private static final String[] CATEGORIES = {"工业发展", "科技创新", "就业社保", "财税减免", "软件信息", "资本市场", "园区服务", "人才", "外贸"};
    private static final double[] FACTORS = {0.5, 0.6, 0.8, 1, 1, 1, 1.2, 1.5, 2, 3};
    private static final Set<String> MONEY = Set.of("revenue", "totalAssets", "taxPaid", "rdExpense", "unemploymentInsurancePaid", "attributes.exportRevenue");
    private static final Set<String> COUNTS = Set.of("insuredEmployees", "graduatesHired");
    private static final Set<String> ORDERING = Set.of(">=", ">", "<=", "<");
    private static final Map<String, String> LIST_NAMES = Map.of("DISHONEST_DEBTOR", "失信被执行人名单",
            "SERIOUS_DISHONESTY", "严重失信主体名单", "ABNORMAL_OPERATION", "经营异常名录");
    private static final Map<String, String> QUALIFICATION_NAMES = Map.of("HIGH_TECH", "高新技术企业", "TECH_SME", "科技型中小企业",
            "SPECIALISED_SME", "省级专精特新中小企业", "LITTLE_GIANT", "国家级专精特新\"小巨人\"企业", "ABOVE_SCALE", "规模以上企业");
    /** Related qualifications: a policy for one is often copied for the other. */
    private static final Map<String, String> SIBLINGS = Map.of("HIGH_TECH", "TECH_SME", "TECH_SME", "HIGH_TECH",
            "SPECIALISED_SME", "LITTLE_GIANT", "LITTLE_GIANT", "SPECIALISED_SME");
    private static final Pattern LEADING_PLACE = Pattern.compile("^[\\u4e00-\\u9fa5]{1,6}?[省市区县]");
    private static final Pattern YEAR = Pattern.compile("(20\\d\\d)(?=年)");
    private static final Sichuan.Weighted<Sichuan.Region> REGIONS = new Sichuan.Weighted<>(Sichuan.REGIONS, Sichuan.Region::weight);

    /** Industry groups by family: a template's industry condition is swapped only within its family. */
    private record IndustryGroup(String family, List<String> prefixes, String text) {
    }

    private static final List<IndustryGroup> INDUSTRY_GROUPS = List.of(
            new IndustryGroup("C", List.of("C"), "属于制造业"),
            new IndustryGroup("C", List.of("C13", "C14", "C15"), "属于农副食品加工、食品和酒饮料制造业"),
            new IndustryGroup("C", List.of("C26", "C27"), "属于化学原料和医药制造业"),
            new IndustryGroup("C", List.of("C34", "C35"), "属于通用和专用设备制造业"),
            new IndustryGroup("C", List.of("C36", "C37"), "属于汽车和交通运输设备制造业"),
            new IndustryGroup("C", List.of("C38", "C39", "C40"), "属于电气机械、电子信息和仪器仪表制造业"),
            new IndustryGroup("C", List.of("B", "C", "D"), "属于工业企业"),
            new IndustryGroup("I", List.of("I65"), "属于软件和信息技术服务业"),
            new IndustryGroup("I", List.of("I64", "I65"), "属于互联网和软件信息技术服务业"),
            new IndustryGroup("I", List.of("C39", "I65"), "属于电子信息制造业或软件和信息技术服务业"),
            new IndustryGroup("M", List.of("M73", "M75"), "属于研究和试验发展或科技推广和应用服务业"),
            new IndustryGroup("M", List.of("I65", "M73", "M74", "M75"), "属于科技服务业"),
            new IndustryGroup("F", List.of("F51"), "属于批发业"),
            new IndustryGroup("F", List.of("F52"), "属于零售业"),
            new IndustryGroup("F", List.of("F", "H"), "属于批发零售和住宿餐饮业"),
            new IndustryGroup("F", List.of("H61", "H62"), "属于住宿和餐饮业"));

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            // isAuto() and isGroup() are helpers, not fields of a policy file
            .addMixIn(PolicyDefinition.class, IgnoreHelpers.class)
            .addMixIn(Condition.class, IgnoreHelpers.class);

    @JsonIgnoreProperties({"auto", "group"})
    private interface IgnoreHelpers {
    }

    private final long seed;
    private final List<PolicyDefinition> templates;

    public PolicyGenerator(long seed, Map<String, PolicyDefinition> realPolicies) {
        if (realPolicies.isEmpty()) {
            throw new IllegalArgumentException("no policies to vary");
        }
        this.seed = seed;
        this.templates = realPolicies.values().stream().sorted(Comparator.comparing(PolicyDefinition::id)).toList();
    }

    /** Policies 0 .. count-1, by id in that order. */
    public Map<String, PolicyDefinition> generate(int count) {
        Map<String, PolicyDefinition> out = new LinkedHashMap<>();
        for (int k = 0; k < count; k++) {
            PolicyDefinition p = policy(k);
            out.put(p.id(), p);
        }
        return out;
    }

    public PolicyDefinition policy(int k) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + k * 0xBF58476D1CE4E5B9L + 2);
        PolicyDefinition t = templates.get(r.nextInt(templates.size()));
        // Most copies are for the current year, so most are in force on 2026-06-30.
        double y = r.nextDouble();
        int year = y < 0.07 ? 2025 : y < 0.15 ? 2027 : 2026;
        return new Variation(r, t, year).policy("G-%04d-%d".formatted(k + 1, year));
    }

    /** Writes each policy as {@code <id>.yaml}, in the format policy staff write (policy-data/policies/README.md). */
    public static void writeYaml(Path folder, Collection<PolicyDefinition> policies) throws IOException {
        Files.createDirectories(folder);
        for (PolicyDefinition p : policies) {
            String text = "# 示意政策：由 cn.zhiban.scale.PolicyGenerator 据真实政策变化生成（来源见 document），不是真实文件。\n"
                    + "# 省略的 budget / perEnterpriseCap / effectiveTo 表示不设上限 / 长期有效。\n"
                    + YAML.writeValueAsString(p);
            Files.writeString(folder.resolve(p.id() + ".yaml"), text, StandardCharsets.UTF_8);
        }
    }

    /** Where a generated policy applies and how it names that place in titles. */
    private record Scope(List<String> regions, List<String> parks, String place, Sichuan.Park park) {
        boolean national() {
            return regions.isEmpty();
        }
    }

    /** The changes made to one template; one instance per generated policy. */
    private static final class Variation {
        private final SplittableRandom r;
        private final PolicyDefinition t;
        private final int year;
        private final int dy;
        private final double amountFactor;
        /** One factor per numeric field, so a threshold and the tiers on the same field move together. */
        private final Map<String, Double> fieldFactors = new HashMap<>();
        private final Map<String, String> renamed = new LinkedHashMap<>();
        private final Scope scope;

        Variation(SplittableRandom r, PolicyDefinition t, int year) {
            this.r = r;
            this.t = t;
            this.year = year;
            this.dy = year - Integer.parseInt(t.period());
            this.amountFactor = FACTORS[r.nextInt(FACTORS.length)];
            this.scope = scope();
        }

        PolicyDefinition policy(String id) {
            Condition conditions = root(t.conditions());
            List<BenefitLine> lines = new ArrayList<>(t.benefit().lines().stream().map(this::line).toList());
            if (r.nextDouble() < 0.25) {
                lines.add(extraLine(lines.size()));
            }
            String title = rename(scope.national() ? years(t.title()) : scope.place() + withoutPlace(years(t.title())));
            boolean quick = "QUICK_APPLY".equals(t.delivery()) != (r.nextDouble() < 0.1);
            String issuer = scope.national() ? t.issuer() : scope.park() != null ? scope.park().name() + "管理委员会" : scope.place() + department();
            String howToApply = !quick ? null : "QUICK_APPLY".equals(t.delivery()) && scope.national() ? t.howToApply()
                    : "通过四川政务服务网\"直达快享\"专区或" + issuer + "政务服务窗口提交申请及证明材料，审核通过后60个工作日内兑现。";
            List<String> categories = new ArrayList<>(t.categories());
            String extra = CATEGORIES[r.nextInt(CATEGORIES.length)];
            if (r.nextDouble() < 0.15 && !categories.contains(extra)) {
                categories.add(extra);
            }
            LocalDate from = shift(t.effectiveFrom());
            LocalDate to = shift(t.effectiveTo());
            if (to != null && from.getYear() == to.getYear() && r.nextDouble() < 0.2) {
                from = LocalDate.of(from.getYear(), 2 + r.nextInt(5), 1);   // issued during the year
            } else if (to == null && r.nextDouble() < 0.3) {
                to = LocalDate.of(Math.max(year, from.getYear()) + r.nextInt(3), 12, 31);
            }
            BigDecimal budget = t.budget() == null
                    ? (r.nextDouble() < 0.2 ? nice(BigDecimal.valueOf(5_000_000 * (0.2 + 1.8 * r.nextDouble()))) : null)
                    : (r.nextDouble() < 0.15 ? null : nice(t.budget().multiply(BigDecimal.valueOf(amountFactor * (0.5 + 1.5 * r.nextDouble())))));
            return new PolicyDefinition(id, title, issuer,
                    (scope.national() ? t.document() : title + "实施细则") + "（示意，据 " + t.id() + " 生成）",
                    t.article(), scope.regions(), scope.parks(), from, to, t.kind(), quick ? "QUICK_APPLY" : "AUTO", howToApply,
                    categories, budget, scaled(t.perEnterpriseCap()), String.valueOf(year),
                    quick ? t.confirmationDays() : r.nextDouble() < 0.7 ? 10 : new int[]{5, 7, 15, 20}[r.nextInt(4)],
                    true, conditions, new Benefit(lines));
        }

        private Scope scope() {
            if (t.parks() != null && !t.parks().isEmpty()) {
                Sichuan.Park park = Sichuan.PARKS.get(r.nextInt(Sichuan.PARKS.size()));
                return new Scope(List.of(park.city()), List.of(park.id()), park.name(), park);
            }
            List<String> regions = t.regions() == null ? List.of() : t.regions();
            int level = regions.isEmpty() ? 0 : regions.get(0).length() == 2 ? 1 : regions.get(0).length() == 4 ? 2 : 3;
            // Most copies keep the template's level; some national and provincial schemes get local top-ups.
            double x = r.nextDouble();
            level = switch (level) {
                case 0 -> x < 0.75 ? 0 : x < 0.85 ? 1 : 2;
                case 1 -> x < 0.7 ? 1 : 2;
                case 2 -> x < 0.8 ? 2 : 3;
                default -> 3;
            };
            Sichuan.Region region = REGIONS.pick(r);
            return switch (level) {
                case 0 -> new Scope(List.of(), List.of(), "", null);
                case 1 -> new Scope(List.of("51"), List.of(), "四川省", null);
                case 2 -> new Scope(List.of(region.city()), List.of(), Sichuan.CITIES.get(region.city()), null);
                default -> new Scope(List.of(region.code()), List.of(), region.placeName(), null);
            };
        }

        /** The policy's own park, or the first park in its region: a park condition follows the policy to its new place. */
        private Sichuan.Park localPark() {
            if (scope.park() != null || scope.national()) {
                return scope.park();
            }
            String region = scope.regions().get(0);
            return Sichuan.PARKS.stream().filter(p -> region.length() == 6 ? p.districts().contains(region) : p.city().startsWith(region))
                    .findFirst().orElse(null);
        }

        private String department() {
            boolean province = scope.regions().get(0).length() == 2;
            String unit = switch (t.categories().get(0)) {
                case "科技创新" -> "科学技术局";
                case "就业社保", "人才" -> "人力资源和社会保障局";
                case "财税减免" -> "财政局";
                case "资本市场" -> "地方金融管理局";
                case "外贸" -> "商务局";
                case "园区服务" -> "人民政府";
                default -> "经济和信息化局";
            };
            return province && !unit.equals("地方金融管理局") && unit.endsWith("局") ? unit.substring(0, unit.length() - 1) + "厅" : unit;
        }

        // ------------------------------------------------------------ conditions

        /** The template's tree, varied, with some conditions added under the root. */
        private Condition root(Condition c) {
            List<Condition> children = new ArrayList<>();
            List<Condition> original = c.all() != null ? c.all() : List.of(c);
            original.forEach(child -> children.add(condition(child, c.all() != null)));
            Set<String> fields = new java.util.HashSet<>();
            collectFields(c, fields);
            if (!fields.contains("notListed") && r.nextDouble() < 0.35) {
                children.add(notListed("g-credit", List.of("DISHONEST_DEBTOR", "SERIOUS_DISHONESTY", "ABNORMAL_OPERATION"), "第三条"));
            }
            if (!fields.contains("sizeClass") && r.nextDouble() < 0.2) {
                children.add(sizeCondition("g-size", "第二条"));
            }
            if (!fields.contains("taxCreditGrade") && r.nextDouble() < 0.15) {
                children.add(group("g-tax-ok", null, null, comparison("g-poor-tax", "taxCreditGrade", "in", null, List.of("C", "D"),
                        "纳税信用等级为C级或D级", "第三条")));
            }
            if (!fields.contains("publicCreditGrade") && r.nextDouble() < 0.08) {
                children.add(comparison("g-public-credit", "publicCreditGrade", "notIn", null, List.of("D"), "公共信用综合评价不为D级", "第三条"));
            }
            if (r.nextDouble() < 0.12) {
                int staff = new int[]{10, 20, 50, 100}[r.nextInt(4)];
                BigDecimal revenue = money(new long[]{5_000_000, 10_000_000, 20_000_000, 50_000_000}[r.nextInt(4)]);
                children.add(group("g-scale", null, List.of(
                        comparison("g-scale-staff", "insuredEmployees", ">=", staff, null, "参保职工不少于" + staff + "人", "第二条"),
                        comparison("g-scale-revenue", "revenue", ">=", revenue, null, "上年度营业收入不低于" + yuan(revenue), "第二条")), null));
            }
            if (!fields.contains("establishedOn") && r.nextDouble() < 0.1) {
                LocalDate before = LocalDate.of(year - 1, 12, 31);
                children.add(comparison("g-age", "establishedOn", "<=", before.toString(), null, "成立满一年（" + date(before) + "及以前成立）", "第二条"));
            }
            if (!fields.contains("industryPrefixes") && r.nextDouble() < 0.15) {
                IndustryGroup g = INDUSTRY_GROUPS.get(r.nextInt(INDUSTRY_GROUPS.size()));
                children.add(industry("g-industry", g.prefixes(), g.text(), "第二条"));
            }
            return c.all() != null || children.size() > 1 ? group(c.all() != null ? c.id() : "g-root", children, null, null) : children.get(0);
        }

        /** One node, varied; {@code top}: a direct condition of the policy, whose meaning may change (other nodes only move in time and scale). */
        private Condition condition(Condition c, boolean top) {
            Node n = Node.of(c);
            n.text = years(c.text());
            if (c.all() != null) {
                n.all = c.all().stream().map(child -> condition(child, false)).toList();
            } else if (c.any() != null) {
                n.any = c.any().stream().map(child -> condition(child, false)).toList();
            } else if (c.not() != null) {
                n.not = condition(c.not(), false);
            } else if (c.field() != null) {
                varyComparison(c, n);
            } else if (c.industryPrefixes() != null && top && r.nextDouble() < 0.35) {
                List<IndustryGroup> family = INDUSTRY_GROUPS.stream().filter(g -> g.family().equals(c.industryPrefixes().get(0).substring(0, 1))).toList();
                if (!family.isEmpty()) {
                    IndustryGroup g = family.get(r.nextInt(family.size()));
                    n.industryPrefixes = g.prefixes();
                    n.text = g.text();
                }
            } else if (c.parks() != null && localPark() != null) {
                n.parks = List.of(localPark().id());
                n.text = "位于" + localPark().name();
            } else if (c.qualification() != null) {
                varyQualification(c, n, top);
            } else if (c.notListed() != null && r.nextDouble() < 0.2) {
                List<String> lists = new ArrayList<>(List.of("DISHONEST_DEBTOR", "SERIOUS_DISHONESTY", "ABNORMAL_OPERATION"));
                lists.remove(r.nextInt(3));
                n.notListed = lists;
                n.text = "未被列入" + String.join("或", lists.stream().map(LIST_NAMES::get).toList());
            }
            return n.build();
        }

        private void varyComparison(Condition c, Node n) {
            String field = c.field();
            Object value = c.value();
            if (field.equals("establishedOn") && value != null) {
                LocalDate shifted = shift(LocalDate.parse(value.toString()));
                LocalDate moved = r.nextDouble() < 0.25 ? shifted.plusYears(r.nextBoolean() ? 1 : -1) : shifted;
                n.value = moved.toString();
                n.text = reword(n.text, date(shifted), date(moved), date(moved) + switch (c.op()) {
                    case ">=" -> "及以后成立";
                    case ">" -> "以后成立";
                    case "<=" -> "及以前成立";
                    case "<" -> "以前成立";
                    default -> "成立";
                });
            } else if (field.endsWith("Year") && value instanceof Number year) {
                n.value = year.intValue() + dy;
            } else if (value instanceof Number number && ORDERING.contains(c.op())
                    && (MONEY.contains(field) && number.doubleValue() > 0 || COUNTS.contains(field) && number.intValue() > 1)) {
                double factor = factor(field);
                if (COUNTS.contains(field)) {
                    int scaled = nice(BigDecimal.valueOf(number.intValue() * factor)).intValue();
                    n.value = Math.max(2, scaled);
                    n.text = reword(n.text, number.intValue() + "人", n.value + "人", label(field) + opWord(c.op()) + n.value + "人");
                } else {
                    BigDecimal scaled = nice(new BigDecimal(number.toString()).multiply(BigDecimal.valueOf(factor)));
                    n.value = scaled;
                    n.text = reword(n.text, yuan(new BigDecimal(number.toString())), yuan(scaled), label(field) + opWord(c.op()) + yuan(scaled));
                }
            }
        }

        private void varyQualification(Condition c, Node n, boolean top) {
            n.qualifiedFrom = shift(c.qualifiedFrom());
            n.qualifiedTo = shift(c.qualifiedTo());
            boolean changed = false;
            if (top && SIBLINGS.containsKey(c.qualification()) && r.nextDouble() < 0.2) {
                n.qualification = SIBLINGS.get(c.qualification());
                renamed.put(QUALIFICATION_NAMES.get(c.qualification()), QUALIFICATION_NAMES.get(n.qualification));
                changed = true;
            }
            if (n.qualifiedFrom != null && r.nextDouble() < 0.15) {
                n.qualifiedFrom = null;
                n.qualifiedTo = null;
                changed = true;
            } else if (n.qualifiedFrom == null && n.qualifiedTo == null && r.nextDouble() < 0.1) {
                n.qualifiedFrom = LocalDate.of(year, 1, 1);
                n.qualifiedTo = LocalDate.of(year, 12, 31);
                changed = true;
            }
            if (changed) {
                String name = QUALIFICATION_NAMES.get(n.qualification);
                n.text = n.qualifiedFrom == null && n.qualifiedTo == null ? "有效期内的" + name
                        : n.qualifiedFrom != null && n.qualifiedTo != null && n.qualifiedFrom.getYear() == n.qualifiedTo.getYear()
                        ? n.qualifiedFrom.getYear() + "年新认定为" + name
                        : (n.qualifiedFrom == null ? "" : date(n.qualifiedFrom) + "起") + (n.qualifiedTo == null ? "" : date(n.qualifiedTo) + "前") + "认定为" + name;
            }
        }

        private double factor(String field) {
            return fieldFactors.computeIfAbsent(field, f -> FACTORS[r.nextInt(FACTORS.length)]);
        }

        // ------------------------------------------------------------ benefit

        private BenefitLine line(BenefitLine l) {
            Condition when = l.when() == null ? null : condition(l.when(), false);
            String label = rename(years(l.label()));
            if (l.fixed() != null) {
                BigDecimal fixed = scaled(l.fixed());
                return new BenefitLine(reword(label, yuan(l.fixed()), yuan(fixed), label), l.source(), when, fixed, null, null, null);
            }
            if (l.percent() != null) {
                BigDecimal rate = l.percent().rate();
                if (r.nextDouble() < 0.3) {
                    rate = rate.multiply(BigDecimal.valueOf(new double[]{0.5, 0.8, 1.2, 1.5}[r.nextInt(4)]))
                            .round(new MathContext(2, RoundingMode.HALF_UP)).min(BigDecimal.ONE).setScale(Math.max(2, rate.scale()), RoundingMode.HALF_UP);
                }
                return new BenefitLine(reword(label, percent(l.percent().rate()), percent(rate), label), l.source(), when, null,
                        new Percent(l.percent().field(), rate, scaled(l.percent().cap())), null, null);
            }
            if (l.tiers() != null) {
                double factor = factor(l.tiers().field());
                Map<BigDecimal, Step> steps = new LinkedHashMap<>();   // rounding may merge two steps: keep the first
                for (Step s : l.tiers().steps()) {
                    BigDecimal atLeast = nice(s.atLeast().multiply(BigDecimal.valueOf(factor)));
                    steps.putIfAbsent(atLeast.stripTrailingZeros(), new Step(atLeast, scaled(s.amount())));
                }
                return new BenefitLine(label, l.source(), when, null, null, new Tiers(l.tiers().field(), List.copyOf(steps.values())), null);
            }
            BigDecimal amount = r.nextDouble() < 0.5 ? l.perUnit().amount() : money(new long[]{1000, 1500, 2000, 3000, 5000}[r.nextInt(5)]);
            return new BenefitLine(reword(label, yuan(l.perUnit().amount()), yuan(amount), label), l.source(), when, null, null, null,
                    new PerUnit(l.perUnit().field(), amount, scaled(l.perUnit().cap())));
        }

        /** A benefit line of any of the four forms, sometimes only for part of the eligible enterprises. */
        private BenefitLine extraLine(int index) {
            String source = "第" + "一二三四五六七八九十".charAt(Math.min(9, index + 4)) + "条";
            int form = r.nextInt(4);
            Condition when = r.nextDouble() < 0.4 ? switch (r.nextInt(4)) {
                case 0 -> sizeCondition("g-bonus-when", source);
                case 1 -> industry("g-bonus-when", List.of("C"), "属于制造业", source);
                case 2 -> qualificationLeaf("g-bonus-when", "HIGH_TECH", source);
                default -> comparison("g-bonus-when", "attributes.revenueGrowth", ">", BigDecimal.ZERO.setScale(2), null, "上年度营业收入正增长", source);
            } : null;
            return switch (form) {
                case 0 -> {
                    String type = new String[]{"HIGH_TECH", "SPECIALISED_SME", "TECH_SME"}[r.nextInt(3)];
                    BigDecimal fixed = nice(BigDecimal.valueOf(50_000 * amountFactor * (0.5 + r.nextDouble())));
                    yield new BenefitLine(QUALIFICATION_NAMES.get(type) + "加计奖励（" + yuan(fixed) + "）", source,
                            qualificationLeaf("g-bonus-when", type, source), fixed, null, null, null);
                }
                case 1 -> {
                    BigDecimal rate = new BigDecimal(new String[]{"0.05", "0.08", "0.10", "0.15"}[r.nextInt(4)]);
                    yield new BenefitLine("研发投入补助（研发费用的" + percent(rate) + "）", source, when, null,
                            new Percent("rdExpense", rate, nice(BigDecimal.valueOf(500_000 * amountFactor))), null, null);
                }
                case 2 -> r.nextBoolean()
                        ? new BenefitLine("营收规模奖励（就高）", source, when, null, null, new Tiers("revenue", List.of(
                        new Step(money(10_000_000), scaled(money(20_000))), new Step(money(50_000_000), scaled(money(50_000))),
                        new Step(money(100_000_000), scaled(money(100_000))), new Step(money(500_000_000), scaled(money(300_000))))), null)
                        : new BenefitLine("纳税贡献奖励（就高）", source, when, null, null, new Tiers("taxPaid", List.of(
                        new Step(money(1_000_000), scaled(money(10_000))), new Step(money(5_000_000), scaled(money(50_000))),
                        new Step(money(10_000_000), scaled(money(100_000))))), null);
                default -> {
                    boolean graduates = r.nextBoolean();
                    BigDecimal amount = money(graduates ? new long[]{1000, 1500, 2000, 3000}[r.nextInt(4)] : new long[]{200, 300, 500}[r.nextInt(3)]);
                    yield new BenefitLine((graduates ? "吸纳高校毕业生补助（每人" : "稳岗补贴（每名参保职工") + yuan(amount) + "）", source, when, null, null, null,
                            new PerUnit(graduates ? "graduatesHired" : "insuredEmployees", amount, nice(BigDecimal.valueOf(100_000 * amountFactor))));
                }
            };
        }

        // ------------------------------------------------------------ helpers

        private Condition sizeCondition(String id, String source) {
            return switch (r.nextInt(4)) {
                case 0 -> comparison(id, "sizeClass", "in", null, List.of("MEDIUM", "SMALL", "MICRO"), "属于中小微企业", source);
                case 1 -> comparison(id, "sizeClass", "in", null, List.of("SMALL", "MICRO"), "属于小微企业", source);
                case 2 -> comparison(id, "sizeClass", "==", "MICRO", null, "属于微型企业", source);
                default -> comparison(id, "sizeClass", "in", null, List.of("LARGE", "MEDIUM"), "属于大中型企业", source);
            };
        }

        private Condition qualificationLeaf(String id, String type, String source) {
            Node n = Node.leaf(id, "有效期内的" + QUALIFICATION_NAMES.get(type), source);
            n.qualification = type;
            return n.build();
        }

        private LocalDate shift(LocalDate d) {
            return d == null ? null : d.plusYears(dy);
        }

        /** Moves every "20xx年" of a text by the years the policy moved. */
        private String years(String text) {
            if (text == null || dy == 0) {
                return text;
            }
            Matcher m = YEAR.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, String.valueOf(Integer.parseInt(m.group(1)) + dy));
            }
            return m.appendTail(out).toString();
        }

        private String rename(String text) {
            for (Map.Entry<String, String> e : renamed.entrySet()) {
                text = text.replace(e.getKey(), e.getValue());
            }
            return text;
        }

        private BigDecimal scaled(BigDecimal amount) {
            return amount == null ? null : nice(amount.multiply(BigDecimal.valueOf(amountFactor)));
        }
    }

    /** Keeps the wording of a text when it names the old figure; otherwise says plainly what the condition now is. */
    private static String reword(String text, String oldWord, String newWord, String fallback) {
        if (oldWord.equals(newWord)) {
            return text;
        }
        Matcher m = Pattern.compile("(?<![0-9.])" + Pattern.quote(oldWord)).matcher(text);
        return m.find() ? m.replaceAll(Matcher.quoteReplacement(newWord)) : fallback;
    }

    private static String withoutPlace(String title) {
        return LEADING_PLACE.matcher(title).replaceFirst("");
    }

    private static void collectFields(Condition c, Set<String> fields) {
        if (c == null) {
            return;
        }
        if (c.field() != null) {
            fields.add(c.field());
        }
        if (c.industryPrefixes() != null) {
            fields.add("industryPrefixes");
        }
        if (c.notListed() != null) {
            fields.add("notListed");
        }
        c.children().forEach(child -> collectFields(child, fields));
    }

    private static Condition comparison(String id, String field, String op, Object value, List<Object> values, String text, String source) {
        Node n = Node.leaf(id, text, source);
        n.field = field;
        n.op = op;
        n.value = value;
        n.values = values;
        return n.build();
    }

    private static Condition industry(String id, List<String> prefixes, String text, String source) {
        Node n = Node.leaf(id, text, source);
        n.industryPrefixes = prefixes;
        return n.build();
    }

    private static Condition notListed(String id, List<String> lists, String source) {
        Node n = Node.leaf(id, "未被列入失信被执行人、严重失信主体名单或经营异常名录", source);
        n.notListed = lists;
        return n.build();
    }

    private static Condition group(String id, List<Condition> all, List<Condition> any, Condition not) {
        Node n = new Node();
        n.id = id;
        n.all = all;
        n.any = any;
        n.not = not;
        return n.build();
    }

    private static String label(String field) {
        return switch (field) {
            case "revenue" -> "上年度营业收入";
            case "totalAssets" -> "资产总额";
            case "taxPaid" -> "上年度纳税额";
            case "rdExpense" -> "上年度研发费用";
            case "unemploymentInsurancePaid" -> "上年度失业保险缴费";
            case "insuredEmployees" -> "参保职工人数";
            case "graduatesHired" -> "上年度招用高校毕业生人数";
            case "attributes.exportRevenue" -> "上年度出口额";
            default -> field;
        };
    }

    private static String opWord(String op) {
        return switch (op) {
            case ">=" -> "不低于";
            case ">" -> "高于";
            case "<=" -> "不高于";
            default -> "低于";
        };
    }

    /** Two significant figures, in yuan with cents: 7,482,311.5 → 7,500,000.00. */
    private static BigDecimal nice(BigDecimal value) {
        return value.round(new MathContext(2, RoundingMode.HALF_UP)).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(long yuan) {
        return BigDecimal.valueOf(yuan).setScale(2);
    }

    /** How Chinese documents write an amount: 5亿元, 500万元, 1500元. */
    private static String yuan(BigDecimal amount) {
        BigDecimal a = amount.stripTrailingZeros();
        if (a.compareTo(BigDecimal.valueOf(100_000_000)) >= 0) {
            return a.movePointLeft(8).stripTrailingZeros().toPlainString() + "亿元";
        }
        if (a.compareTo(BigDecimal.valueOf(10_000)) >= 0) {
            return a.movePointLeft(4).stripTrailingZeros().toPlainString() + "万元";
        }
        return a.toPlainString() + "元";
    }

    private static String percent(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static String date(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** A mutable copy of a condition: records have no withers, and a condition has seventeen components. */
    private static final class Node {
        String id;
        List<Condition> all;
        List<Condition> any;
        Condition not;
        String field;
        String op;
        Object value;
        List<Object> values;
        List<String> industryPrefixes;
        List<String> regionPrefixes;
        List<String> parks;
        String qualification;
        LocalDate qualifiedFrom;
        LocalDate qualifiedTo;
        List<String> notListed;
        String text;
        String source;

        static Node leaf(String id, String text, String source) {
            Node n = new Node();
            n.id = id;
            n.text = text;
            n.source = source;
            return n;
        }

        static Node of(Condition c) {
            Node n = new Node();
            n.id = c.id();
            n.all = c.all();
            n.any = c.any();
            n.not = c.not();
            n.field = c.field();
            n.op = c.op();
            n.value = c.value();
            n.values = c.values();
            n.industryPrefixes = c.industryPrefixes();
            n.regionPrefixes = c.regionPrefixes();
            n.parks = c.parks();
            n.qualification = c.qualification();
            n.qualifiedFrom = c.qualifiedFrom();
            n.qualifiedTo = c.qualifiedTo();
            n.notListed = c.notListed();
            n.text = c.text();
            n.source = c.source();
            return n;
        }

        Condition build() {
            return new Condition(id, all, any, not, field, op, value, values, industryPrefixes, regionPrefixes, parks,
                    qualification, qualifiedFrom, qualifiedTo, notListed, text, source);
        }
    }
}
