package cn.zhiban.acceptance.facts;

/** The decided mode: the one answer every evaluation must produce exactly once. */
public class AcceptanceMode {
    private final String mode;

    public AcceptanceMode(String mode) { this.mode = mode; }

    public String getMode() { return mode; }
}
