package cn.zhiban.rulesets;

import cn.zhiban.acceptance.Decision;
import cn.zhiban.rules.CompiledRuleSet;
import cn.zhiban.rules.RuleSetCompiler;
import cn.zhiban.rules.RuleSets;
import cn.zhiban.rules.RuleSource;
import cn.zhiban.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rule that keeps re-activating itself: validation refuses the version naming the rule, and if such rules were
 * live anyway, a decision answers 503 naming the rule set and writes nothing. Own profile: a lower firing limit (the
 * configuration is what is used), and versions uploaded here stay out of other classes' database.
 */
@QuarkusTest
@TestProfile(RunawayRulesTest.LowFiringLimit.class)
class RunawayRulesTest {
    private static final String PROBLEM = "application/problem+json";
    /** Only what uploads may use (the sandbox would refuse anything else first): a fact deleted and re-inserted forever. */
    private static final String LOOP = """
            package acceptance;
            import cn.zhiban.acceptance.facts.*;
            rule "ACC-LOOP-START"
            when
                Application()
                not String(this == "loop")
            then
                insert("loop");
            end
            rule "ACC-LOOP"
            when
                $s : String(this == "loop")
            then
                delete($s);
                insert("loop");
            end
            """;

    public static class LowFiringLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zhiban.rules.max-firings", "5000", "zhiban.rules.max-firings-per-fact", "100");
        }
    }

    @Inject
    RuleSets ruleSets;

    @Test
    void aReFiringRuleIsRejectedByNameAndTheServiceAnswersAfterwards() {
        Map<String, String> files = RuleSetLifecycleTest.repository(RuleSetKind.ACCEPTANCE);
        files.put("rules/acceptance/loop.drl", LOOP);
        JsonPath version = RuleSetLifecycleTest.upload("acceptance", files, 201);
        assertEquals("REJECTED", version.getString("status"));
        Map<String, Object> limit = version.getMap("report.errors.find { it.kind == 'LIMIT' }");
        assertEquals("rules/acceptance/loop.drl", limit.get("file"));
        assertTrue(limit.get("message").toString().startsWith("规则 ACC-LOOP 在一次评估中触发超过 5000 次(可能无限循环地重复激活)"),
                limit.get("message").toString());
        Api.post("/api/v1/rulesets/acceptance/versions/" + version.getInt("number") + "/activation", Map.of()).statusCode(409);
        get("/api/v1/service-items/WJ-GGCS-002").then().statusCode(200);
        Api.decide("WJ-GGCS-002", Api.applicant("A", "A"), "2026-06-01", List.of("M01", "M02", "M03", "M04"), List.of(), false)
                .statusCode(201);
    }

    @Test
    void aRunawayRuleSetLiveAnswers503NamingItAndWritesNothing() {
        String applicant = Api.applicant("A", "A");
        CompiledRuleSet honest = ruleSets.active("acceptance");
        List<RuleSource> sources = new ArrayList<>(honest.sources());
        sources.add(new RuleSource("rules/acceptance/loop.drl", false, LOOP.getBytes(StandardCharsets.UTF_8)));
        // Installed directly: validation would refuse it (above); this is what a live request meets if one got through.
        CompiledRuleSet runaway = RuleSetCompiler.compile("acceptance", sources, "acceptance@runaway");
        long before = decisions();
        ruleSets.install(runaway);
        try {
            Api.decide("WJ-GGCS-002", applicant, "2026-06-01", List.of("M01", "M02", "M03", "M04"), List.of(), false)
                    .statusCode(503).contentType(PROBLEM)
                    .body("ruleSet", equalTo("acceptance"))
                    .body("version", equalTo("acceptance@runaway"))
                    .body("rule", equalTo("ACC-LOOP"))
                    .body("errors[0].field", equalTo("(ruleset)"))
                    .body("detail", containsString("规则 ACC-LOOP 在一次评估中触发超过 5000 次"));
            assertEquals(before, decisions(), "nothing written");
        } finally {
            ruleSets.install(honest);
        }
        Api.decide("WJ-GGCS-002", applicant, "2026-06-01", List.of("M01", "M02", "M03", "M04"), List.of(), false).statusCode(201);
        assertEquals(before + 1, decisions());
    }

    private static long decisions() {
        return QuarkusTransaction.requiringNew().call(() -> Decision.count());
    }
}
