package cn.zhiban.matching.facts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** An enterprise profile as the policy rules see it. Every getter returns null for "never supplied". */
public class Profile {
    private static final BigDecimal TEN_THOUSAND = new BigDecimal(10_000);
    private final String uscc;
    private final String regionCode;
    private final String park;
    private final String industryCode;
    private final String taxCreditGrade;
    private final String publicCreditGrade;
    private final LocalDate establishedOn;
    private final Integer insuredEmployees;
    private final BigDecimal revenue;
    private final BigDecimal totalAssets;
    private final BigDecimal taxPaid;
    private final BigDecimal rdExpense;
    private final BigDecimal unemploymentInsurancePaid;
    private final Integer graduatesHired;
    private final boolean qualificationsKnown;
    private final Map<String, Object> attributes;

    public Profile(String uscc, String regionCode, String park, String industryCode, String taxCreditGrade,
                   String publicCreditGrade, LocalDate establishedOn, Integer insuredEmployees, BigDecimal revenue,
                   BigDecimal totalAssets, BigDecimal taxPaid, BigDecimal rdExpense, BigDecimal unemploymentInsurancePaid,
                   Integer graduatesHired, boolean qualificationsKnown, Map<String, Object> attributes) {
        this.uscc = uscc;
        this.regionCode = regionCode;
        this.park = park;
        this.industryCode = industryCode;
        this.taxCreditGrade = taxCreditGrade;
        this.publicCreditGrade = publicCreditGrade;
        this.establishedOn = establishedOn;
        this.insuredEmployees = insuredEmployees;
        this.revenue = revenue;
        this.totalAssets = totalAssets;
        this.taxPaid = taxPaid;
        this.rdExpense = rdExpense;
        this.unemploymentInsurancePaid = unemploymentInsurancePaid;
        this.graduatesHired = graduatesHired;
        this.qualificationsKnown = qualificationsKnown;
        this.attributes = attributes == null ? Map.of() : attributes;
    }

    public String getUscc() { return uscc; }
    public String getRegionCode() { return regionCode; }
    public String getPark() { return park; }
    public String getIndustryCode() { return industryCode; }
    public String getTaxCreditGrade() { return taxCreditGrade; }
    public String getPublicCreditGrade() { return publicCreditGrade; }
    public LocalDate getEstablishedOn() { return establishedOn; }
    public Integer getInsuredEmployees() { return insuredEmployees; }
    public BigDecimal getRevenue() { return revenue; }
    public BigDecimal getTotalAssets() { return totalAssets; }
    public BigDecimal getTaxPaid() { return taxPaid; }
    public BigDecimal getRdExpense() { return rdExpense; }
    public BigDecimal getUnemploymentInsurancePaid() { return unemploymentInsurancePaid; }
    public Integer getGraduatesHired() { return graduatesHired; }
    public boolean isQualificationsKnown() { return qualificationsKnown; }

    /** Revenue in 万元, the unit of the 2011 size standard; null when unknown. */
    public BigDecimal getRevenueWan() {
        return revenue == null ? null : revenue.divide(TEN_THOUSAND);
    }

    public Object attribute(String name) {
        return attributes.get(name);
    }

    public BigDecimal attributeNumber(String name) {
        Object v = attributes.get(name);
        return v instanceof BigDecimal b ? b : v instanceof Number n ? new BigDecimal(n.toString()) : null;
    }

    public Boolean attributeBoolean(String name) {
        return attributes.get(name) instanceof Boolean b ? b : null;
    }

    public String attributeText(String name) {
        return attributes.get(name) instanceof String s ? s : null;
    }
}
