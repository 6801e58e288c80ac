package cn.zhiban.matching.facts;

import java.math.BigDecimal;

/** One line of a benefit for one enterprise: the policy's label, the amount in yuan, its citation. */
public class BenefitAmount {
    private final String uscc;
    private final String policyId;
    private final int line;
    private final BigDecimal amount;

    public BenefitAmount(String uscc, String policyId, int line, BigDecimal amount) {
        this.uscc = uscc;
        this.policyId = policyId;
        this.line = line;
        this.amount = amount;
    }

    public String getUscc() { return uscc; }
    public String getPolicyId() { return policyId; }
    public int getLine() { return line; }
    public BigDecimal getAmount() { return amount; }
}
