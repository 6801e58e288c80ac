package cn.zhiban.security;

/** The roles a token may carry (its {@code groups} claim). */
public final class Roles {
    /** Platform backends: one-window systems, park centres, agent counters. */
    public static final String PLATFORM = "platform";
    /** Policy staff: rule sets, simulations, runs. */
    public static final String POLICY_STAFF = "policy-staff";
    /** An enterprise; its token carries a {@code uscc} claim and reaches only its own data. */
    public static final String ENTERPRISE = "enterprise";

    private Roles() {
    }
}
