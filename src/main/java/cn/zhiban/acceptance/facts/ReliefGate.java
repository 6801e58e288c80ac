package cn.zhiban.acceptance.facts;

import cn.zhiban.rules.Citation;

/**
 * One cell of the band × relief matrix (rules/acceptance/band-reliefs.drl.csv): may this band use
 * this relief? Built column by column by a decision-table row, hence the setters.
 */
public class ReliefGate {
    private final String relief;
    private final String ruleId;
    private boolean allowed;
    private String message = "";
    private String source = "";

    public ReliefGate(String relief, String ruleId) {
        this.relief = relief;
        this.ruleId = ruleId;
    }

    /** Staff write the matrix with ✔ and ✘, as the published tables do. */
    public void setMark(String mark) {
        switch (mark.strip()) {
            case "✔" -> allowed = true;
            case "✘" -> allowed = false;
            default -> throw new IllegalArgumentException("rule " + ruleId + ": mark must be ✔ or ✘, was '" + mark + "'");
        }
    }

    public String getRelief() { return relief; }
    public boolean isAllowed() { return allowed; }
    public Citation getCitation() { return new Citation(ruleId, message, source); }
    public void setMessage(String message) { this.message = message; }
    public void setSource(String source) { this.source = source; }
}
