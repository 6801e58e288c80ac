package cn.zhiban.rulesets;

import cn.zhiban.matching.MatchResult;
import cn.zhiban.matching.Matcher;
import cn.zhiban.matching.Policies;
import cn.zhiban.matching.Subjects;
import cn.zhiban.policydata.PolicyDataFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Policy files are data: their text becomes string literals in generated DRL, escaped. Quotes,
 * backslashes and Java unicode escapes in every text field of every policy file must compile, pass
 * the allow-list and the rule tests, and come back verbatim — never as code.
 */
class PolicyTextEscapingTest {
    /** Closes a Java string, calls code, and hides a quote in a unicode escape that javac would decode. */
    static final String HOSTILE = "他说\"你好\"\\ 反斜杠 \\u0022); java.lang.System.exit(1); (\" \\\\u0022 ${x} @{y} \\n";
    private static final Pattern TEXT_FIELD = Pattern.compile("(?m)^(\\s*(?:- )?)(title|issuer|document|article|howToApply|text|source|label): .*$");

    /** YAML single quotes: nothing inside is an escape except a doubled quote. */
    static String yamlQuoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static Map<String, byte[]> withHostileText() {
        Map<String, byte[]> files = new TreeMap<>();
        RuleSetKind.POLICIES.fromRepository(Path.of("rules"), Path.of("policy-data")).files().forEach((path, content) -> {
            String text = new String(content, StandardCharsets.UTF_8);
            if (path.startsWith("policy-data/policies/")) {
                text = TEXT_FIELD.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + m.group(2) + ": " + yamlQuoted(HOSTILE)));
                text = text.replaceAll("(?m)^categories: \\[.*]$", java.util.regex.Matcher.quoteReplacement("categories: [" + yamlQuoted(HOSTILE) + "]"));
            }
            files.put(path, text.getBytes(StandardCharsets.UTF_8));
        });
        return files;
    }

    @Test
    void hostileTextInEveryTextFieldCompilesAndStaysText() {
        Map<String, byte[]> files = withHostileText();
        long policies = files.keySet().stream().filter(p -> p.startsWith("policy-data/policies/")).count();
        assertTrue(new String(files.get("policy-data/policies/C-RJYS-2026.yaml"), StandardCharsets.UTF_8).contains("title: " + yamlQuoted(HOSTILE)));
        Validator.Result result = Validator.validate(RuleSetKind.POLICIES, new VersionFiles(files), "policies@escaping", Path.of("policy-data"));
        assertTrue(result.report().valid(), result.report().errors().toString());
        assertEquals(policies, result.policies().size());
        assertTrue(result.report().tests().total() > 0);
        result.policies().values().forEach(p -> {
            assertEquals(HOSTILE, p.title());
            assertEquals(HOSTILE, p.issuer());
            assertEquals(List.of(HOSTILE), p.categories());
        });

        String profile = """
                tests:
                  - name: 软件企业
                    asOf: 2026-11-23
                    profile:
                      name: 测试
                      regionCode: "510107"
                      industryCode: I6510
                      establishedOn: 2015-01-01
                      insuredEmployees: 300
                      revenue: 600000000.00
                      qualifications: []
                      listings: []
                      attributes: {softwareRevenueShare: 0.8}
                    expect: {}
                """;
        RuleTestFiles.PolicyTest test = PolicyDataFiles.read("t.yaml", profile.getBytes(StandardCharsets.UTF_8), RuleTestFiles.PolicyFile.class).tests().get(0);
        MatchResult r = Matcher.match(new Policies.Active(result.policies(), result.compiled()), List.of(Subjects.of("TEST", test.profile())),
                LocalDate.parse("2026-11-23"), null, new HashSet<>()).get("TEST");
        MatchResult.Eligible software = r.eligible().stream().filter(e -> e.policyId().equals("C-RJYS-2026")).findFirst().orElseThrow();
        assertEquals(HOSTILE, software.title());
        assertEquals(new java.math.BigDecimal("100000.00"), software.amount());
        assertTrue(software.breakdown().stream().allMatch(b -> b.label().equals(HOSTILE) && b.source().equals(HOSTILE)), software.breakdown().toString());
        // Conditions' own text is shown as written (the region reason's wording is the service's own); every source is the file's.
        assertTrue(software.reasons().stream().allMatch(reason -> reason.source().equals(HOSTILE)), software.reasons().toString());
        assertTrue(software.reasons().stream().filter(reason -> reason.message().equals(HOSTILE)).count() >= 2, software.reasons().toString());
    }

    @Test
    void identifiersAreCheckedNotEscaped() {
        Map<String, byte[]> files = withHostileText();
        String path = "policy-data/policies/C-RJYS-2026.yaml";
        String text = new String(files.get(path), StandardCharsets.UTF_8).replace("- id: software\n", "- id: 'software\"); java.lang.System.exit(1); (\"'\n");
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
        Validator.Result result = Validator.validate(RuleSetKind.POLICIES, new VersionFiles(files), "policies@ids", Path.of("policy-data"));
        assertTrue(result.report().errors().stream().anyMatch(e -> e.kind().equals("SCHEMA") && path.equals(e.file())), result.report().errors().toString());
        assertTrue(result.report().errors().stream().noneMatch(e -> e.kind().equals("COMPILE") || e.kind().equals("FORBIDDEN")), result.report().errors().toString());
    }
}
