package cn.zhiban.rulesets;

import java.util.List;

/**
 * What validating a version found. {@code valid} only when it compiles, every file is well-formed,
 * cites its sources, uses no forbidden construct, has no overlapping table rows, and every rule test passes.
 */
public record ValidationReport(boolean valid, List<Problem> errors, List<Problem> warnings, Tests tests, Coverage coverage) {

    /** kind: FILE, SCHEMA, COMPILE, FORBIDDEN, CITATION, TABLE_OVERLAP, TABLE_GAP, TEST. */
    public record Problem(String kind, String file, Integer line, String message) {
    }

    public record Tests(int total, int passed, List<Failure> failures) {
    }

    public record Failure(String file, String name, String message) {
    }

    /** Which rules some rule test fired, and which none did. */
    public record Coverage(int rules, int fired, List<String> unexercised) {
    }
}
