package cn.zhiban.policydata;

/** A policy-data file that cannot be loaded: which file, which field, why. Stops start-up. */
public class PolicyDataException extends RuntimeException {
    public PolicyDataException(String file, String field, String reason) {
        super(file + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + reason);
    }
}
