package cn.zhiban.acceptance.facts;

/** A relief this application would use if it were available: only its refusals are worth explaining. */
public class ReliefSought {
    private final String relief;

    public ReliefSought(String relief) { this.relief = relief; }

    public String getRelief() { return relief; }
}
