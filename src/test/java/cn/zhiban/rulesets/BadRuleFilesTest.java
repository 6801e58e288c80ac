package cn.zhiban.rulesets;

import cn.zhiban.support.Api;
import cn.zhiban.support.WithTestPolicies;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bad rule file shipped: the start-up refuses the repository's files, the last good version keeps
 * deciding, and health and the log say which file is wrong — until it is fixed.
 */
@QuarkusTest
@TestProfile(BadRuleFilesTest.CopiedRuleFiles.class)
class BadRuleFilesTest {
    private static final Path RULES = Path.of("target", "rules-bad-files-test");
    private static final Path POLICY_DATA = Path.of("target", "policy-data-bad-files-test");
    private static final Path DRL = RULES.resolve("acceptance/credit.drl");
    private static final Path POLICY = POLICY_DATA.resolve("policies/C-SS-2022.yaml");

    /** The service reads its rule files and policy files from copies the test may break. */
    public static class CopiedRuleFiles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            WithTestPolicies.copyTree(Path.of("rules"), RULES);
            WithTestPolicies.copyTree(Path.of("policy-data"), POLICY_DATA);
            return Map.of("zhiban.rules.dir", RULES.toString(), "zhiban.policy-data.dir", POLICY_DATA.toString());
        }
    }

    @Inject
    RuleSetService ruleSets;

    private static String decide(String uscc) {
        return Api.decide("SCJG-SPJY-001", uscc, "2026-06-01", List.of("M01", "M02", "M03", "M04", "M05", "M06"), List.of(), false)
                .statusCode(201).extract().path("rulesetVersion");
    }

    private static JsonPath check(String url, int status, String name) {
        return new JsonPath(get(url).then().statusCode(status).extract().asString()).setRootPath("checks.find { it.name == '" + name + "' }");
    }

    @Test
    void refusedFilesLeaveTheLastGoodVersionServingAndHealthNamesThem() throws IOException {
        String uscc = Api.applicant("A", "A");
        String serving = decide(uscc);
        assertNull(check("/q/health/ready", 200, "rule-sets").get("data.acceptanceRepository"));
        assertEquals("UP", check("/q/health/group/rule-files", 200, "rule-files").get("status"));

        String drl = Files.readString(DRL);
        String policy = Files.readString(POLICY);
        List<LogRecord> log = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                log.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(RuleSetService.class.getName());
        logger.addHandler(capture);
        try {
            Files.writeString(DRL, drl + "\nrule \"broken\"\nwhen\n    $x :\nthen\nend\n");        // does not compile
            Files.writeString(POLICY, policy.replace("[NEEQ_BASIC, NEEQ_INNOVATION", "[NEEQ_BASIC, null, NEEQ_INNOVATION"));   // a null in a value list
            ruleSets.bootstrap();   // as a restart with these files would

            assertEquals(serving, decide(uscc), "the last good version still decides");
            JsonPath ready = check("/q/health/ready", 200, "rule-sets");
            assertEquals("UP", ready.get("status"));
            assertEquals(serving, ready.get("data.acceptance"));
            assertTrue(ready.getString("data.acceptanceRepository").startsWith("REJECTED as version 2"), ready.getString("data"));
            assertTrue(ready.getString("data.acceptanceRepositoryErrors").contains("rules/acceptance/credit.drl"), ready.getString("data"));
            assertTrue(ready.getString("data.policiesRepositoryErrors").startsWith("policy-data/policies/C-SS-2022.yaml: conditions.all[0].values: 不能含空值"),
                    ready.getString("data"));
            JsonPath files = check("/q/health/group/rule-files", 503, "rule-files");
            assertEquals("DOWN", files.get("status"));
            assertTrue(files.getString("data.acceptanceRepositoryErrors").contains("rules/acceptance/credit.drl"), files.getString("data"));
            assertTrue(log.stream().anyMatch(r -> r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                    && String.valueOf(r.getMessage()).contains("rules/acceptance/credit.drl")
                    && String.valueOf(r.getMessage()).contains("keeps serving")), "logged: " + log.stream().map(LogRecord::getMessage).toList());
        } finally {
            logger.removeHandler(capture);
            Files.writeString(DRL, drl);
            Files.writeString(POLICY, policy);
        }

        // fixed files: health clears, same version (same content) keeps serving
        ruleSets.bootstrap();
        assertEquals("UP", check("/q/health/group/rule-files", 200, "rule-files").get("status"));
        assertNull(check("/q/health/ready", 200, "rule-sets").get("data.acceptanceRepository"));
        assertEquals(serving, decide(uscc));
    }
}
