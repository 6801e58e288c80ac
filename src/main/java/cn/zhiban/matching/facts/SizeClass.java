package cn.zhiban.matching.facts;

/** 企业规模 LARGE / MEDIUM / SMALL / MICRO per 工信部联企业〔2011〕300号; absent when it cannot be decided. */
public class SizeClass {
    private final String uscc;
    private final String value;
    private final String ruleId;

    public SizeClass(String uscc, String value, String ruleId) {
        this.uscc = uscc;
        this.value = value;
        this.ruleId = ruleId;
    }

    public String getUscc() { return uscc; }
    public String getValue() { return value; }
    public String getRuleId() { return ruleId; }
}
