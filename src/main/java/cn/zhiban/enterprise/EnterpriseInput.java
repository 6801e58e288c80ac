package cn.zhiban.enterprise;

import cn.zhiban.web.Validation;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** The body of {@code PUT /api/v1/enterprises/{uscc}}: the credit facts a platform reports. */
public record EnterpriseInput(String name, String taxCreditGrade, String publicCreditGrade,
                              List<Listing> listings, LocalDate creditRepairedOn) {
    static final Set<String> TAX_GRADES = Set.of("A", "B", "M", "C", "D");
    static final Set<String> PUBLIC_GRADES = Set.of("A", "B", "C", "D");

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
    }
}
