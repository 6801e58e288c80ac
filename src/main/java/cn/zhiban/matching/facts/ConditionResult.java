package cn.zhiban.matching.facts;

import java.util.List;

/**
 * The three-valued result of one condition node of one policy for one enterprise: MET, NOT_MET or
 * UNKNOWN (a field it needs was never supplied). Leaves carry the enterprise's value and what was required.
 */
public class ConditionResult {
    public static final String MET = "MET";
    public static final String NOT_MET = "NOT_MET";
    public static final String UNKNOWN = "UNKNOWN";

    private final String uscc;
    private final String policyId;
    private final String nodeId;
    private final String parentId;
    private final String value;
    private final String field;
    private final Object actual;

    public ConditionResult(String uscc, String policyId, String nodeId, String parentId, String value, String field, Object actual) {
        this.uscc = uscc;
        this.policyId = policyId;
        this.nodeId = nodeId;
        this.parentId = parentId;
        this.value = value;
        this.field = field;
        this.actual = actual;
    }

    /** Kleene logic over the children of an ALL, ANY or NOT node. */
    public static ConditionResult combine(String kind, String uscc, String policyId, String nodeId, String parentId,
                                          List<ConditionResult> children) {
        boolean anyMet = children.stream().anyMatch(c -> MET.equals(c.value));
        boolean anyNotMet = children.stream().anyMatch(c -> NOT_MET.equals(c.value));
        boolean anyUnknown = children.stream().anyMatch(c -> UNKNOWN.equals(c.value));
        String value = switch (kind) {
            case "ALL" -> anyNotMet ? NOT_MET : anyUnknown ? UNKNOWN : MET;
            case "ANY" -> anyMet ? MET : anyUnknown ? UNKNOWN : NOT_MET;
            case "NOT" -> anyMet ? NOT_MET : anyNotMet ? MET : UNKNOWN;
            default -> throw new IllegalArgumentException("unknown group kind " + kind);
        };
        return new ConditionResult(uscc, policyId, nodeId, parentId, value, null, null);
    }

    public String getUscc() { return uscc; }
    public String getPolicyId() { return policyId; }
    public String getNodeId() { return nodeId; }
    public String getParentId() { return parentId; }
    public String getValue() { return value; }
    public String getField() { return field; }
    public Object getActual() { return actual; }
}
