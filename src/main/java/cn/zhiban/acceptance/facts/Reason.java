package cn.zhiban.acceptance.facts;

import cn.zhiban.rules.Citation;

/**
 * An explanation the answer quotes: a relief GRANTED or REFUSED, or a material BLOCKING, each with
 * the rule that said so. {@code subject} is the relief or material code it is about.
 */
public class Reason {
    private final String outcome;
    private final String subject;
    private final Citation citation;

    public Reason(String outcome, String subject, Citation citation) {
        this.outcome = outcome;
        this.subject = subject;
        this.citation = citation;
    }

    public String getOutcome() { return outcome; }
    public String getSubject() { return subject; }
    public Citation getCitation() { return citation; }
}
