package cn.zhiban.acceptance.facts;

import cn.zhiban.rules.Citation;

/** A relief this application may not use, and why. A relief with no refusal is available. */
public class ReliefRefusal {
    private final String relief;
    private final Citation citation;

    public ReliefRefusal(String relief, Citation citation) {
        this.relief = relief;
        this.citation = citation;
    }

    public String getRelief() { return relief; }
    public Citation getCitation() { return citation; }
}
