package cn.zhiban.acceptance.facts;

import java.util.Set;

/** The catalogue entry of the item applied for, as the rules see it. */
public class ServiceItemFact {
    private final String code;
    private final String name;
    private final String riskLevel;
    private final Set<String> allowedModes;
    private final int promisedDays;
    private final int supplementDays;
    private final int verificationDays;
    private final boolean inspectionRequired;
    private final boolean inspectionPledgeable;
    private final int inspectWithinDays;

    public ServiceItemFact(String code, String name, String riskLevel, Set<String> allowedModes, int promisedDays,
                           int supplementDays, int verificationDays, boolean inspectionRequired,
                           boolean inspectionPledgeable, int inspectWithinDays) {
        this.code = code;
        this.name = name;
        this.riskLevel = riskLevel;
        this.allowedModes = Set.copyOf(allowedModes);
        this.promisedDays = promisedDays;
        this.supplementDays = supplementDays;
        this.verificationDays = verificationDays;
        this.inspectionRequired = inspectionRequired;
        this.inspectionPledgeable = inspectionPledgeable;
        this.inspectWithinDays = inspectWithinDays;
    }

    public boolean allows(String mode) { return allowedModes.contains(mode); }

    public String getCode() { return code; }
    public String getName() { return name; }
    public String getRiskLevel() { return riskLevel; }
    public Set<String> getAllowedModes() { return allowedModes; }
    public int getPromisedDays() { return promisedDays; }
    public int getSupplementDays() { return supplementDays; }
    public int getVerificationDays() { return verificationDays; }
    public boolean isInspectionRequired() { return inspectionRequired; }
    public boolean isInspectionPledgeable() { return inspectionPledgeable; }
    public int getInspectWithinDays() { return inspectWithinDays; }
}
