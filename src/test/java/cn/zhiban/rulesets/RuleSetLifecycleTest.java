package cn.zhiban.rulesets;

import cn.zhiban.enterprise.Enterprise;
import cn.zhiban.matching.MatchResult;
import cn.zhiban.matching.Matcher;
import cn.zhiban.matching.Policies;
import cn.zhiban.matching.Subjects;
import cn.zhiban.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Policy staff's loop: upload, validate (compile errors, forbidden constructs, rule tests, coverage),
 * simulate, activate under load, roll back, replay. Its own profile: activations here must not
 * change the rules other test classes see. The tests run in any order: each starts from the repository's
 * versions active (version 1 of each rule set) and uploads what it needs.
 */
@QuarkusTest
@TestProfile(RuleSetLifecycleTest.OwnDatabase.class)
class RuleSetLifecycleTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String BAND_C_MATERIAL_REFUSED = "ACC-BAND-C-MATERIAL,85,C,MATERIAL_PLEDGE,✘,";
    private static final String BAND_C_MATERIAL_ALLOWED = "ACC-BAND-C-MATERIAL,85,C,MATERIAL_PLEDGE,✔,";

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zhiban.rules.promote", "auto");
        }
    }

    @Inject
    RuleSetService service;
    @Inject
    Policies policies;

    /** Every test starts with the repository's files active (version 1), whatever a test before it left active. */
    @BeforeEach
    void repositoryVersionsActive() {
        for (String ruleset : List.of("acceptance", "policies")) {
            List<Integer> active = get("/api/v1/rulesets/{name}/versions", ruleset).then().statusCode(200).extract().path("findAll { it.active }.number");
            if (!active.equals(List.of(1))) {
                given().header("Authorization", cn.zhiban.support.TestTokens.staff("li.si"))
                        .post("/api/v1/rulesets/{name}/versions/1/activation", ruleset).then().statusCode(200);
            }
        }
    }

    /** How many rule tests policy staff wrote for a rule set: the entries of {@code tests:} in its tests/*.yaml, read here. */
    static int ruleTestsInRepository(String folder) throws java.io.IOException {
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        int n = 0;
        try (var files = java.nio.file.Files.list(Path.of(folder, "tests"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                n += yaml.readTree(file.toFile()).path("tests").size();
            }
        }
        return n;
    }

    static Map<String, String> repository(RuleSetKind kind) {
        Map<String, String> texts = new TreeMap<>();
        kind.fromRepository(Path.of("rules"), Path.of("policy-data")).files()
                .forEach((path, content) -> texts.put(path, new String(content, StandardCharsets.UTF_8)));
        return texts;
    }

    static JsonPath upload(String ruleset, Map<String, String> files, int status) {
        return given().contentType("application/json").header("Authorization", cn.zhiban.support.TestTokens.staff("zhang.san"))
                .body(Map.of("comment", "测试上传", "files", files))
                .post("/api/v1/rulesets/{name}/versions", ruleset).then().statusCode(status).extract().jsonPath();
    }

    static Map<String, String> bandCMayPledge() {
        Map<String, String> files = repository(RuleSetKind.ACCEPTANCE);
        String table = files.get("rules/acceptance/band-reliefs.drl.csv");
        assertTrue(table.contains(BAND_C_MATERIAL_REFUSED));
        files.put("rules/acceptance/band-reliefs.drl.csv", table.replace(BAND_C_MATERIAL_REFUSED, BAND_C_MATERIAL_ALLOWED));
        // its rule test must agree with the new policy, or the version would be rejected
        files.put("rules/acceptance/tests/band-c.yaml", """
                tests:
                  - name: C档申请人可以材料承诺
                    itemCode: WJ-GGCS-002
                    applicationDate: 2026-06-01
                    submittedMaterials: [M01, M03, M04]
                    pledgedMaterials: [M02]
                    applicant: {taxCreditGrade: C, publicCreditGrade: A}
                    expect: {mode: MATERIAL_PLEDGE, creditBand: C}
                """);
        return files;
    }

    static String bandCPledgeDecision() {
        return Api.decide("WJ-GGCS-002", Api.applicant("C", "A"), "2026-06-01", List.of("M01", "M03", "M04"), List.of("M02"), false)
                .statusCode(201).extract().path("decisionId");
    }

    @Test
    void theRepositoryIsVersionOneAndItsReportShowsTestsAndCoverage() throws java.io.IOException {
        int ruleTests = ruleTestsInRepository("rules/acceptance");
        assertTrue(ruleTests > 0, "rules/acceptance/tests has no rule tests");
        get("/api/v1/rulesets/acceptance/versions/1").then().statusCode(200)
                .body("status", equalTo("VALIDATED"))
                .body("active", equalTo(true))
                .body("origin", equalTo("REPOSITORY"))
                .body("report.valid", equalTo(true))
                .body("report.tests.total", equalTo(ruleTests))
                .body("report.tests.passed", equalTo(ruleTests))
                .body("files", hasItem("rules/acceptance/credit.drl"));
        get("/api/v1/rulesets/policies/versions/1").then().statusCode(200).body("report.valid", equalTo(true))
                .body("files", hasItem("policy-data/policies/N-WGFH-2026.yaml"));
    }

    @Test
    void aCompileErrorIsReportedWithItsFileAndLine() {
        Map<String, String> files = repository(RuleSetKind.ACCEPTANCE);
        String credit = files.get("rules/acceptance/credit.drl");
        List<String> lines = credit.lines().toList();
        int broken = lines.indexOf("    not BandFinding(band > $band)") + 1;
        assertTrue(broken > 0);
        files.put("rules/acceptance/credit.drl", credit.replace("    not BandFinding(band > $band)", "    not BandFinding(band > )"));
        JsonPath version = upload("acceptance", files, 201);
        assertEquals("REJECTED", version.getString("status"));
        assertEquals("COMPILE", version.getString("report.errors[0].kind"));
        assertEquals("rules/acceptance/credit.drl", version.getString("report.errors[0].file"));
        assertEquals(broken, version.getInt("report.errors[0].line"));
        given().post("/api/v1/rulesets/acceptance/versions/{n}/activation", version.getInt("number")).then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void aForbiddenConstructIsRejected() {
        Map<String, String> files = repository(RuleSetKind.ACCEPTANCE);
        String mode = files.get("rules/acceptance/mode.drl");
        files.put("rules/acceptance/mode.drl", mode.replace("    insert(new AcceptanceMode(\"STANDARD\"));", "    System.exit(1);\n    insert(new AcceptanceMode(\"STANDARD\"));"));
        int line = files.get("rules/acceptance/mode.drl").lines().toList().indexOf("    System.exit(1);") + 1;
        JsonPath version = upload("acceptance", files, 201);
        assertEquals("REJECTED", version.getString("status"));
        Map<String, Object> forbidden = version.getMap("report.errors.find { it.kind == 'FORBIDDEN' }");
        assertEquals("rules/acceptance/mode.drl", forbidden.get("file"));
        assertEquals(line, forbidden.get("line"));
        assertTrue(forbidden.get("message").toString().contains("System"));
    }

    @Test
    void aFailingRuleTestBlocksActivation() {
        Map<String, String> files = repository(RuleSetKind.ACCEPTANCE);
        files.put("rules/acceptance/band-reliefs.drl.csv", files.get("rules/acceptance/band-reliefs.drl.csv").replace(BAND_C_MATERIAL_REFUSED, BAND_C_MATERIAL_ALLOWED));
        // the shipped test "C档申请人不适用告知承诺但可容缺" still passes; this one expects the old policy
        files.put("rules/acceptance/tests/band-c.yaml", """
                tests:
                  - name: C档申请人不得材料承诺
                    itemCode: WJ-GGCS-002
                    applicationDate: 2026-06-01
                    submittedMaterials: [M01, M03, M04]
                    pledgedMaterials: [M02]
                    applicant: {taxCreditGrade: C, publicCreditGrade: A}
                    expect: {mode: NOT_ACCEPTED}
                """);
        JsonPath version = upload("acceptance", files, 201);
        assertEquals("REJECTED", version.getString("status"));
        assertEquals(1, version.getList("report.tests.failures").size());
        assertTrue(version.getString("report.tests.failures[0].message").contains("mode 应为 NOT_ACCEPTED,实际为 MATERIAL_PLEDGE"));
        given().post("/api/v1/rulesets/acceptance/versions/{n}/activation", version.getInt("number")).then().statusCode(409)
                .contentType(PROBLEM).body("errors[0].field", equalTo("version"));
        given().post("/api/v1/rulesets/acceptance/versions/999/activation").then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void coverageNamesARuleNoTestExercises() {
        Map<String, String> files = repository(RuleSetKind.ACCEPTANCE);
        files.put("rules/acceptance/never.drl", """
                package acceptance;
                import cn.zhiban.acceptance.facts.*;
                rule "ACC-NEVER-FIRED"
                when
                    Application(itemCode == "NO-SUCH-ITEM")
                then
                end
                """);
        JsonPath version = upload("acceptance", files, 201);
        assertEquals("VALIDATED", version.getString("status"));
        assertTrue(version.getList("report.coverage.unexercised").contains("ACC-NEVER-FIRED"));
        assertFalse(version.getList("report.coverage.unexercised").contains("ACC-MODE-STANDARD"));
        // the same content again is the same version
        assertEquals(version.getInt("number"), upload("acceptance", files, 200).getInt("number"));
    }

    @Test
    void activateUnderLoadThenRollBackThenReplay() throws Exception {
        String before = bandCPledgeDecision();
        get("/api/v1/acceptance/decisions/{id}", before).then().body("answer.mode", equalTo("NOT_ACCEPTED"));
        int number = upload("acceptance", bandCMayPledge(), 201).getInt("number");

        // requests keep coming while the rule base is swapped twice (a generated load: each thread sends the next
        // request when its last one answered, until told to stop)
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        String applicant = Api.applicant("A", "A");
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            load.submit(() -> {
                while (running.get()) {
                    int status = Api.decide("SCJG-SPJY-001", applicant, "2026-06-01", List.of("M01", "M02", "M04", "M05", "M06"), List.of("M03"), false)
                            .extract().statusCode();
                    (status == 201 ? ok : failed).incrementAndGet();
                }
            });
        }
        await("requests answered before the activation").atMost(Duration.ofSeconds(60)).until(() -> ok.get() + failed.get() >= 8);
        int beforeActivation = ok.get() + failed.get();
        given().header("Authorization", cn.zhiban.support.TestTokens.staff("li.si")).post("/api/v1/rulesets/acceptance/versions/{n}/activation", number).then().statusCode(200)
                .body("active", equalTo(true));
        String after = bandCPledgeDecision();
        get("/api/v1/acceptance/decisions/{id}", after).then().body("answer.mode", equalTo("MATERIAL_PLEDGE"));
        // a restart (start-up bootstrap) does not overwrite a version activated through the API
        service.bootstrap();
        get("/api/v1/rulesets/acceptance/versions/{n}", number).then().body("active", equalTo(true));
        given().header("Authorization", cn.zhiban.support.TestTokens.staff("li.si")).post("/api/v1/rulesets/acceptance/rollback").then().statusCode(200).body("number", equalTo(1));
        int beforeRollback = ok.get() + failed.get();
        await("requests answered after the rollback").atMost(Duration.ofSeconds(60)).until(() -> ok.get() + failed.get() >= beforeRollback + 8);
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(0, failed.get(), "requests failed during activation");
        assertTrue(beforeRollback > beforeActivation, "no request was answered between the activation and the rollback");
        get("/api/v1/acceptance/decisions/{id}", bandCPledgeDecision()).then().body("answer.mode", equalTo("NOT_ACCEPTED"));

        // each decision replays exactly under the version that made it, whatever is active now
        Api.post("/api/v1/acceptance/decisions/" + after + "/replay", Map.of()).statusCode(200)
                .body("identical", equalTo(true))
                .body("replayedVersion", equalTo(get("/api/v1/rulesets/acceptance/versions/{n}", number).then().extract().path("versionId")))
                .body("replayed.mode", equalTo("MATERIAL_PLEDGE"));
        Api.post("/api/v1/acceptance/decisions/" + before + "/replay", Map.of()).statusCode(200).body("identical", equalTo(true));
        Api.post("/api/v1/acceptance/decisions/" + after + "/replay?version=active", Map.of()).statusCode(200)
                .body("identical", equalTo(false))
                .body("replayed.mode", equalTo("NOT_ACCEPTED"))
                .body("differences", hasItem("mode: \"MATERIAL_PLEDGE\" → \"NOT_ACCEPTED\""));

        // simulating the band-C version over the stored decisions finds the ones it would change
        String simulation = Api.post("/api/v1/rulesets/acceptance/versions/" + number + "/simulations", Map.of("days", 30))
                .statusCode(202).extract().path("id");
        JsonPath sim = waitForSimulation(simulation);
        assertTrue(sim.getInt("result.changed") >= 2, sim.prettify());
        assertTrue(sim.getList("result.examples.decisionId").contains(before), sim.prettify());
        assertEquals(sim.getInt("result.decisions"), sim.getInt("total"));

        List<String> actions = get("/api/v1/rulesets/acceptance/audit").then().statusCode(200).extract().path("action");
        assertTrue(actions.containsAll(List.of("UPLOAD", "VALIDATE", "ACTIVATE", "ROLLBACK")), actions.toString());
        assertTrue(get("/api/v1/rulesets/acceptance/audit").then().extract().path("actor").toString().contains("li.si"));
    }

    @Test
    void aPolicySimulationsCountsEqualADirectRecount() throws Exception {
        Map<String, String> files = repository(RuleSetKind.POLICIES);
        String path = "policy-data/policies/N-KGBZ-2026.yaml";
        String original = files.get(path);
        String changed = original.replace("amount: 1500", "amount: 2000");
        assertFalse(changed.equals(original), "the subsidy per graduate was not found");
        files.put(path, changed);
        // the rule test beside it states the amount, so it changes with the policy: 3 graduates × 2,000
        String tests = files.get("rules/policies/tests/demo-policies.yaml");
        files.put("rules/policies/tests/demo-policies.yaml", tests.replace("N-KGBZ-2026: 4500.00", "N-KGBZ-2026: 6000.00"));
        JsonPath version = upload("policies", files, 201);
        assertEquals("VALIDATED", version.getString("status"), version.prettify());
        String simulation = Api.post("/api/v1/rulesets/policies/versions/" + version.getInt("number") + "/simulations", Map.of("asOf", "2026-11-23"))
                .statusCode(202).extract().path("id");
        JsonPath result = waitForSimulation(simulation);
        Map<String, Object> impact = result.getMap("result.policies.find { it.policyId == 'N-KGBZ-2026' }");

        // recount directly: every stored enterprise under both rule sets
        var candidate = service.compile(QuarkusTransaction.requiringNew().call(() -> RuleSetVersion.byNumber("policies", version.getInt("number"))));
        List<Matcher.Subject> subjects = QuarkusTransaction.requiringNew().call(() -> Enterprise.<Enterprise>listAll().stream().map(Subjects::of).toList());
        Map<String, MatchResult> was = Matcher.match(policies.active(), subjects, LocalDate.of(2026, 11, 23), "N-KGBZ-2026");
        Map<String, MatchResult> will = Matcher.match(new Policies.Active(candidate.policies(), candidate.compiled()), subjects, LocalDate.of(2026, 11, 23), "N-KGBZ-2026");
        BigDecimal before = sum(was);
        BigDecimal after = sum(will);
        long eligible = was.values().stream().filter(r -> !r.eligible().isEmpty()).count();
        assertTrue(eligible > 0);
        assertEquals(eligible, ((Number) impact.get("stillEligible")).longValue());
        assertEquals(0, ((Number) impact.get("gained")).intValue());
        assertEquals(0, ((Number) impact.get("lost")).intValue());
        assertEquals(0, before.compareTo(new BigDecimal(impact.get("amountBefore").toString())));
        assertEquals(0, after.compareTo(new BigDecimal(impact.get("amountAfter").toString())));
        assertTrue(after.compareTo(before) > 0);
        assertEquals(subjects.size(), result.getInt("total"));
        get("/api/v1/rulesets/policies/audit").then().body("action", hasItem("SIMULATE"));
    }

    @Test
    void badRequests() {
        given().get("/api/v1/rulesets/nope/versions").then().statusCode(404).contentType(PROBLEM);
        given().post("/api/v1/rulesets/policies/rollback").then().statusCode(409).contentType(PROBLEM);
        JsonPath stray = upload("acceptance", Map.of("src/main/java/Evil.java", "class Evil {}"), 201);
        assertEquals("REJECTED", stray.getString("status"));
        assertEquals("FILE", stray.getString("report.errors[0].kind"));
        given().contentType("application/json").body(Map.of("files", Map.of())).post("/api/v1/rulesets/acceptance/versions")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("files"));
        given().contentType("application/zip").body("not a zip".getBytes(StandardCharsets.UTF_8)).post("/api/v1/rulesets/acceptance/versions")
                .then().statusCode(422).contentType(PROBLEM);
    }

    static JsonPath waitForSimulation(String id) {
        JsonPath result = await("simulation " + id + " no longer RUNNING").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/api/v1/simulations/{id}", id).then().statusCode(200).extract().jsonPath(),
                        r -> !"RUNNING".equals(r.getString("state")));
        assertEquals("DONE", result.getString("state"), result.prettify());
        return result;
    }

    private static BigDecimal sum(Map<String, MatchResult> results) {
        return results.values().stream().flatMap(r -> r.eligible().stream()).map(MatchResult.Eligible::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
