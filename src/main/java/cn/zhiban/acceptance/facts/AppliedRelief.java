package cn.zhiban.acceptance.facts;

/** A relief the accepted application uses. */
public class AppliedRelief {
    private final String relief;

    public AppliedRelief(String relief) { this.relief = relief; }

    public String getRelief() { return relief; }
}
