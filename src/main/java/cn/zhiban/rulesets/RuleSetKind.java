package cn.zhiban.rulesets;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which repository files make up each rule set. A version holds exactly these files: rules, decision
 * tables, policy files and the rule tests written beside them.
 */
public enum RuleSetKind {
    /** Acceptance modes: rules/acceptance (DRL, decision tables, tests/*.yaml). */
    ACCEPTANCE("acceptance"),
    /** Policy matching: rules/enterprise, rules/policies (DRL, tables, tests/*.yaml) and policy-data/policies/*.yaml. */
    POLICIES("policies");

    public final String id;

    RuleSetKind(String id) {
        this.id = id;
    }

    public static RuleSetKind of(String name) {
        for (RuleSetKind kind : values()) {
            if (kind.id.equals(name)) {
                return kind;
            }
        }
        return null;
    }

    /** Whether {@code path} may be part of a version of this rule set. */
    public boolean owns(String path) {
        boolean ruleFile = path.endsWith(".drl") || path.endsWith(".drl.csv") || path.endsWith(".yaml");
        return switch (this) {
            case ACCEPTANCE -> ruleFile && path.startsWith("rules/acceptance/");
            case POLICIES -> ruleFile && (path.startsWith("rules/enterprise/") || path.startsWith("rules/policies/")
                    || (path.startsWith("policy-data/policies/") && path.endsWith(".yaml")));
        };
    }

    /** The repository's current files of this rule set. */
    public VersionFiles fromRepository(Path rulesDir, Path policyDataDir) {
        Map<String, byte[]> files = new TreeMap<>();
        switch (this) {
            case ACCEPTANCE -> VersionFiles.collect(files, rulesDir.resolve("acceptance"), "rules/acceptance/", ".drl", ".drl.csv", ".yaml");
            case POLICIES -> {
                VersionFiles.collect(files, rulesDir.resolve("enterprise"), "rules/enterprise/", ".drl", ".drl.csv", ".yaml");
                VersionFiles.collect(files, rulesDir.resolve("policies"), "rules/policies/", ".drl", ".drl.csv", ".yaml");
                VersionFiles.collect(files, policyDataDir.resolve("policies"), "policy-data/policies/", ".yaml");
            }
        }
        files.keySet().removeIf(path -> !owns(path));
        return new VersionFiles(files);
    }
}
