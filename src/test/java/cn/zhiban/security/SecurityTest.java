package cn.zhiban.security;

import cn.zhiban.support.Api;
import cn.zhiban.support.SignedInByDefault;
import cn.zhiban.support.TestTokens;
import cn.zhiban.support.WithTestPolicies;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The role matrix, endpoint by endpoint: who may call what. Anonymous callers get 401, callers with
 * the wrong role or another enterprise's token 403 (problem+json); everyone else gets past security
 * (whatever the endpoint then answers).
 */
@QuarkusTest
@TestProfile(WithTestPolicies.class)
class SecurityTest {

    enum Who { ANONYMOUS, OWN_ENTERPRISE, OTHER_ENTERPRISE, PLATFORM, POLICY_STAFF }

    private static final Set<Who> PUBLIC = EnumSet.allOf(Who.class);
    private static final Set<Who> PLATFORM = EnumSet.of(Who.PLATFORM);
    private static final Set<Who> PLATFORM_AND_STAFF = EnumSet.of(Who.PLATFORM, Who.POLICY_STAFF);
    private static final Set<Who> STAFF = EnumSet.of(Who.POLICY_STAFF);
    private static final Set<Who> ANYONE_ON_ITS_OWN_DATA = EnumSet.of(Who.PLATFORM, Who.POLICY_STAFF, Who.OWN_ENTERPRISE);
    private static final Set<Who> PLATFORM_OR_OWNER = EnumSet.of(Who.PLATFORM, Who.OWN_ENTERPRISE);

    record Endpoint(String method, String path, Object body, Set<Who> allowed) {
    }

    @Test
    void everyEndpointAgainstEveryKindOfCaller() {
        String own = Api.newUscc();
        Map<String, Object> profile = Api.enterprise("A", "A");
        profile.put("regionCode", "510107");
        profile.put("attributes", Map.of("suite", "flow"));
        Api.putEnterprise(own, profile).statusCode(201);
        String other = Api.applicant("A", "A");
        String decision = Api.decide("SCJG-SPJY-001", own, "2026-06-01", List.of("M01", "M02", "M04", "M05", "M06"), List.of("M03"), false)
                .statusCode(201).extract().path("decisionId");
        String run = Api.post("/api/v1/policies/T-FLOW-2026/runs", Map.of("asOf", "2026-06-01")).statusCode(202).extract().path("id");
        String grant = waitForGrant(own);
        given().contentType("application/json").body(Map.of("categories", List.of("测试"))).put("/api/v1/enterprises/{u}/subscriptions", own).then().statusCode(200);
        Api.post("/api/v1/inbox/announcements", Map.of("asOf", "2026-06-01")).statusCode(200);
        String message = get("/api/v1/enterprises/{u}/inbox", own).then().statusCode(200).extract().path("[0].id");
        String simulation = Api.post("/api/v1/rulesets/acceptance/versions/1/simulations", Map.of("days", 1)).statusCode(202).extract().path("id");

        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", "/api/v1/service-items", null, PUBLIC),
                new Endpoint("GET", "/api/v1/service-items/SCJG-SPJY-001", null, PUBLIC),
                new Endpoint("GET", "/api/v1/policies", null, PUBLIC),
                new Endpoint("GET", "/api/v1/policies/T-FLOW-2026", null, PUBLIC),
                new Endpoint("POST", "/api/v1/matching/evaluate", Map.of("asOf", "2026-06-01", "profile", Map.of("regionCode", "510107")), PUBLIC),
                new Endpoint("PUT", "/api/v1/enterprises/" + own, profile, PLATFORM),
                new Endpoint("GET", "/api/v1/enterprises/" + own, null, ANYONE_ON_ITS_OWN_DATA),
                new Endpoint("GET", "/api/v1/enterprises/" + own + "/matches?asOf=2026-06-01", null, ANYONE_ON_ITS_OWN_DATA),
                new Endpoint("GET", "/api/v1/enterprises/" + own + "/grants", null, ANYONE_ON_ITS_OWN_DATA),
                new Endpoint("GET", "/api/v1/grants/" + grant, null, ANYONE_ON_ITS_OWN_DATA),
                new Endpoint("GET", "/api/v1/enterprises/" + own + "/subscriptions", null, PLATFORM_OR_OWNER),
                new Endpoint("PUT", "/api/v1/enterprises/" + own + "/subscriptions", Map.of("categories", List.of("测试")), PLATFORM_OR_OWNER),
                new Endpoint("GET", "/api/v1/enterprises/" + own + "/inbox", null, PLATFORM_OR_OWNER),
                new Endpoint("POST", "/api/v1/enterprises/" + own + "/inbox/" + message + "/read", Map.of(), PLATFORM_OR_OWNER),
                new Endpoint("POST", "/api/v1/grants/" + grant + "/confirm", Map.of("bankAccount", "6222021234567890123", "date", "2026-06-02"), PLATFORM_OR_OWNER),
                new Endpoint("POST", "/api/v1/grants/" + grant + "/decline", Map.of(), PLATFORM_OR_OWNER),
                new Endpoint("POST", "/api/v1/grants/" + grant + "/disburse", Map.of(), PLATFORM),
                new Endpoint("POST", "/api/v1/grants/expire", Map.of("date", "2026-01-01"), PLATFORM),
                new Endpoint("POST", "/api/v1/enterprise-imports", null, PLATFORM),
                new Endpoint("POST", "/api/v1/acceptance/decisions", Api.application("SCJG-SPJY-001", own, "2026-06-01", List.of("M01"), List.of(), false), PLATFORM),
                new Endpoint("GET", "/api/v1/acceptance/decisions/" + decision, null, PLATFORM),
                new Endpoint("POST", "/api/v1/acceptance/decisions/" + decision + "/supplements", Map.of("materials", List.of("M99"), "date", "2026-06-02"), PLATFORM),
                new Endpoint("POST", "/api/v1/acceptance/decisions/" + decision + "/verifications", Map.of("outcome", "MAYBE", "date", "2026-06-02"), PLATFORM),
                new Endpoint("POST", "/api/v1/obligations/sweep", Map.of("asOf", "2026-01-01"), PLATFORM),
                new Endpoint("POST", "/api/v1/acceptance/decisions/" + decision + "/replay", Map.of(), PLATFORM_AND_STAFF),
                new Endpoint("POST", "/api/v1/policies/T-FLOW-2026/runs", Map.of("asOf", "2026-06-01"), PLATFORM_AND_STAFF),
                new Endpoint("GET", "/api/v1/runs/" + run, null, PLATFORM_AND_STAFF),
                new Endpoint("POST", "/api/v1/inbox/announcements", Map.of("asOf", "2026-06-01"), PLATFORM_AND_STAFF),
                new Endpoint("GET", "/api/v1/rulesets", null, STAFF),
                new Endpoint("GET", "/api/v1/rulesets/acceptance/versions", null, STAFF),
                new Endpoint("GET", "/api/v1/rulesets/acceptance/versions/1", null, STAFF),
                new Endpoint("POST", "/api/v1/rulesets/acceptance/versions", Map.of("files", Map.of("rules/acceptance/x.drl", "package acceptance;")), STAFF),
                new Endpoint("POST", "/api/v1/rulesets/acceptance/versions/1/simulations", Map.of("days", 1), STAFF),
                new Endpoint("GET", "/api/v1/simulations/" + simulation, null, STAFF),
                new Endpoint("POST", "/api/v1/rulesets/acceptance/versions/1/activation", Map.of(), STAFF),
                new Endpoint("POST", "/api/v1/rulesets/acceptance/rollback", Map.of(), STAFF),
                new Endpoint("GET", "/api/v1/rulesets/acceptance/audit", null, STAFF));

        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (Endpoint e : endpoints) {
            for (Who who : Who.values()) {
                int status = call(e, who, own, other);
                tried++;
                boolean allowed = e.allowed().contains(who);
                int expected = who == Who.ANONYMOUS ? 401 : 403;
                if (allowed ? (status == 401 || status == 403) : status != expected) {
                    wrong.add(who + " " + e.method() + " " + e.path() + " → " + status + (allowed ? " (should pass security)" : " (should be " + expected + ")"));
                }
            }
        }
        assertTrue(wrong.isEmpty(), tried + " calls, wrong:\n" + String.join("\n", wrong));
        assertEquals(endpoints.size() * Who.values().length, tried);
    }

    @Test
    void badTokensAre401ProblemJson() {
        for (String header : List.of("Bearer not-a-token", "Bearer " + TestTokens.token("x", Set.of(Roles.PLATFORM), null) + "x", "Basic dXNlcjpwYXNz")) {
            given().header("Authorization", header).get("/api/v1/enterprises/91510107MA6LGA5KXD").then()
                    .statusCode(401).contentType("application/problem+json");
        }
        given().header(SignedInByDefault.ANONYMOUS, "true").get("/api/v1/rulesets").then()
                .statusCode(401).contentType("application/problem+json").body("errors[0].field", equalTo("Authorization"));
        given().header("Authorization", TestTokens.enterprise("91510107MA6LGA5KXD")).get("/api/v1/rulesets").then()
                .statusCode(403).contentType("application/problem+json");
    }

    private static int call(Endpoint e, Who who, String own, String other) {
        RequestSpecification request = given();
        switch (who) {
            case ANONYMOUS -> request.header(SignedInByDefault.ANONYMOUS, "true");
            case OWN_ENTERPRISE -> request.header("Authorization", TestTokens.enterprise(own));
            case OTHER_ENTERPRISE -> request.header("Authorization", TestTokens.enterprise(other));
            case PLATFORM -> request.header("Authorization", TestTokens.platform());
            case POLICY_STAFF -> request.header("Authorization", TestTokens.staff("staff-test"));
        }
        if (e.path().endsWith("/enterprise-imports")) {
            request.contentType("application/x-ndjson").body(new byte[0]);
        } else if (e.body() != null) {
            request.contentType("application/json").body(e.body());
        }
        return switch (e.method()) {
            case "GET" -> request.get(e.path()).statusCode();
            case "PUT" -> request.put(e.path()).statusCode();
            default -> request.post(e.path()).statusCode();
        };
    }

    private static String waitForGrant(String uscc) {
        for (int i = 0; i < 300; i++) {
            List<String> ids = get("/api/v1/enterprises/{u}/grants", uscc).then().statusCode(200).extract().path("grantId");
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        }
        throw new AssertionError("no grant for " + uscc);
    }
}
