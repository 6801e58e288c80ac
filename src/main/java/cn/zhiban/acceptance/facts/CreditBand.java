package cn.zhiban.acceptance.facts;

/** The applicant's credit band for this decision. */
public class CreditBand {
    private final String band;

    public CreditBand(String band) { this.band = band; }

    public String getBand() { return band; }
}
