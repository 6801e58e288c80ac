package cn.zhiban.enterprise;

import java.util.List;

/** policy-data/enterprises/uscc-exceptions.yaml: real codes in circulation that fail the check, accepted as listed. */
public record UsccExceptionsFile(List<Entry> exceptions) {
    public record Entry(String uscc, String reason) {
    }
}
