package cn.zhiban.acceptance.facts;

import cn.zhiban.rules.Citation;

/**
 * One credit fact mapped to a band (A best … D worst); the worst finding decides the band.
 * Built column by column by a decision-table row (band, then message, then source), hence the setters.
 */
public class BandFinding {
    private final String subject;
    private final String value;
    private final String band;
    private final String ruleId;
    private String message = "";
    private String source = "";

    public BandFinding(String subject, String value, String band, String ruleId) {
        this.subject = subject;
        this.value = value;
        this.band = band;
        this.ruleId = ruleId;
    }

    public BandFinding(String subject, String value, String band, Citation citation) {
        this(subject, value, band, citation.ruleId());
        this.message = citation.message();
        this.source = citation.source();
    }

    public String getSubject() { return subject; }
    public String getValue() { return value; }
    public String getBand() { return band; }
    public Citation getCitation() { return new Citation(ruleId, message, source); }
    public void setMessage(String message) { this.message = message; }
    public void setSource(String source) { this.source = source; }
}
