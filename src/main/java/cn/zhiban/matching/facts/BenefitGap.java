package cn.zhiban.matching.facts;

/** A benefit line that cannot be computed because the enterprise never supplied {@code field}. */
public class BenefitGap {
    private final String uscc;
    private final String policyId;
    private final String field;

    public BenefitGap(String uscc, String policyId, String field) {
        this.uscc = uscc;
        this.policyId = policyId;
        this.field = field;
    }

    public String getUscc() { return uscc; }
    public String getPolicyId() { return policyId; }
    public String getField() { return field; }
}
