package cn.zhiban.matching.facts;

/** A size class whose thresholds the enterprise meets; the largest one is its class. */
public class SizeCandidate {
    private final String uscc;
    private final String value;
    private final String ruleId;
    private int rank;

    /** Built column by column by a size-table row: class, then its rank. */
    public SizeCandidate(String uscc, String value, String ruleId) {
        this.uscc = uscc;
        this.value = value;
        this.ruleId = ruleId;
    }

    public void setRank(int rank) { this.rank = rank; }

    public String getUscc() { return uscc; }
    public String getValue() { return value; }
    public int getRank() { return rank; }
    public String getRuleId() { return ruleId; }
}
