package cn.zhiban.enterprise;

import cn.zhiban.web.Validation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code PUT /api/v1/enterprises/{uscc}}: credit facts and the business profile.
 * A field left out is unknown (null), never zero; money is in yuan with at most 2 decimals.
 */
public record EnterpriseInput(String name, String taxCreditGrade, String publicCreditGrade,
                              List<Listing> listings, LocalDate creditRepairedOn,
                              String regionCode, String park, String industryCode, LocalDate establishedOn,
                              Integer insuredEmployees, BigDecimal revenue, BigDecimal totalAssets, BigDecimal taxPaid,
                              BigDecimal rdExpense, BigDecimal unemploymentInsurancePaid, Integer graduatesHired,
                              List<Qualification> qualifications, Map<String, Object> attributes) {
    static final Set<String> TAX_GRADES = Set.of("A", "B", "M", "C", "D");
    static final Set<String> PUBLIC_GRADES = Set.of("A", "B", "C", "D");
    private static final Pattern REGION = Pattern.compile("\\d{6}");
    private static final Pattern PARK = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,29}");
    /** GB/T 4754-2017: a section letter, then a division (2 digits), group (3) or class (4). */
    private static final Pattern INDUSTRY = Pattern.compile("[A-T](\\d{2,4})?");
    private static final Pattern ATTRIBUTE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,39}");
    private static final BigDecimal MAX_MONEY = new BigDecimal("999999999999999.99");

    public void validate(Validation v) {
        if (name == null || name.isBlank()) {
            v.reject("name", "企业名称必填");
        } else if (name.length() > 200) {
            v.reject("name", "企业名称不超过200字");
        }
        if (taxCreditGrade != null && !TAX_GRADES.contains(taxCreditGrade)) {
            v.reject("taxCreditGrade", "纳税信用等级应为 A、B、M、C、D 之一或 null(未知),实际为 " + taxCreditGrade);
        }
        if (publicCreditGrade != null && !PUBLIC_GRADES.contains(publicCreditGrade)) {
            v.reject("publicCreditGrade", "公共信用综合评价等级应为 A、B、C、D 之一或 null(未知),实际为 " + publicCreditGrade);
        }
        if (listings != null) {
            for (int i = 0; i < listings.size(); i++) {
                Listing l = listings.get(i);
                String at = "listings[" + i + "]";
                if (l == null) {
                    v.reject(at, "不能为 null");
                    continue;
                }
                if (l.list() == null || !Listing.LISTS.contains(l.list())) {
                    v.reject(at + ".list", "名单应为 DISHONEST_DEBTOR、SERIOUS_DISHONESTY、ABNORMAL_OPERATION 之一,实际为 " + l.list());
                }
                if (l.since() == null) {
                    v.reject(at + ".since", "列入日期必填");
                } else if (l.until() != null && !l.until().isAfter(l.since())) {
                    v.reject(at + ".until", "移出日期应晚于列入日期");
                }
            }
        }
        if (regionCode != null && !REGION.matcher(regionCode).matches()) {
            v.reject("regionCode", "行政区划代码应为6位数字(GB/T 2260),实际为 " + regionCode);
        }
        if (park != null && !PARK.matcher(park).matches()) {
            v.reject("park", "园区编号应为大写字母、数字和连字符,实际为 " + park);
        }
        if (industryCode != null && !INDUSTRY.matcher(industryCode).matches()) {
            v.reject("industryCode", "行业代码应符合 GB/T 4754-2017(门类字母A–T加2至4位数字,如 C35、I651),实际为 " + industryCode);
        }
        count(v, "insuredEmployees", insuredEmployees);
        count(v, "graduatesHired", graduatesHired);
        money(v, "revenue", revenue);
        money(v, "totalAssets", totalAssets);
        money(v, "taxPaid", taxPaid);
        money(v, "rdExpense", rdExpense);
        money(v, "unemploymentInsurancePaid", unemploymentInsurancePaid);
        if (qualifications != null) {
            for (int i = 0; i < qualifications.size(); i++) {
                Qualification q = qualifications.get(i);
                String at = "qualifications[" + i + "]";
                if (q == null) {
                    v.reject(at, "不能为 null");
                    continue;
                }
                if (q.type() == null || !Qualification.TYPES.contains(q.type())) {
                    v.reject(at + ".type", "资质类型应为 " + Qualification.TYPES + " 之一,实际为 " + q.type());
                }
                if (q.since() == null) {
                    v.reject(at + ".since", "取得日期必填");
                } else if (q.until() != null && q.until().isBefore(q.since())) {
                    v.reject(at + ".until", "有效期止不得早于取得日期");
                }
            }
        }
        if (attributes != null) {
            if (attributes.size() > 50) {
                v.reject("attributes", "扩展属性不超过50项");
            }
            attributes.forEach((key, value) -> {
                if (!ATTRIBUTE.matcher(key).matches()) {
                    v.reject("attributes." + key, "属性名应为字母开头的字母、数字或下划线");
                } else if (!(value == null || value instanceof Number || value instanceof Boolean || value instanceof String)) {
                    v.reject("attributes." + key, "属性值应为数值、布尔值或文本");
                }
            });
        }
    }

    private static void count(Validation v, String field, Integer value) {
        if (value != null && value < 0) {
            v.reject(field, "不能为负数");
        }
    }

    private static void money(Validation v, String field, BigDecimal value) {
        if (value == null) {
            return;
        }
        // Range before scale: stripping the zeros of 100E+2147483647 overflows the scale.
        if (value.signum() < 0) {
            v.reject(field, "金额不能为负数");
        } else if (value.compareTo(MAX_MONEY) > 0) {
            v.reject(field, "金额超出范围");
        } else if (value.stripTrailingZeros().scale() > 2) {
            v.reject(field, "金额以元为单位,最多两位小数");
        }
    }
}
