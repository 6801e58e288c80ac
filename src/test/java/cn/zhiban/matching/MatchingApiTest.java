package cn.zhiban.matching;

import cn.zhiban.support.Api;
import cn.zhiban.support.WithTestPolicies;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The matching API: policies, an enterprise's matches, the calculator, profiles and bulk import. */
@QuarkusTest
@TestProfile(WithTestPolicies.class)
class MatchingApiTest {
    private static final String PROBLEM = "application/problem+json";

    private static Map<String, Object> flowProfile() {
        Map<String, Object> body = Api.enterprise("A", "A");
        body.put("regionCode", "510107");
        body.put("industryCode", "C3581");
        body.put("insuredEmployees", 40);
        body.put("revenue", 12000000.00);
        body.put("attributes", Map.of("suite", "flow"));
        return body;
    }

    @Test
    void shippedPoliciesAndANewOneAddedAsOneFile() throws java.io.IOException {
        // exactly the policy files (each named <id>.yaml): the shipped ones and the test ones, read here
        List<String> files = new java.util.ArrayList<>();
        for (String folder : List.of("policy-data/policies", "src/test/resources/test-policies")) {
            try (var list = java.nio.file.Files.list(java.nio.file.Path.of(folder))) {
                list.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - 5)).forEach(files::add);
            }
        }
        List<String> listed = get("/api/v1/policies").then().statusCode(200).extract().path("id");
        assertEquals(files.stream().sorted().toList(), listed.stream().sorted().toList());
        assertTrue(listed.contains("T-FLOW-2026"));
        get("/api/v1/policies/{id}", "T-FLOW-2026").then().statusCode(200)
                .body("delivery", equalTo("AUTO"))
                .body("document", equalTo("测试〔2026〕1号"))
                .body("conditions.all[0].field", equalTo("attributes.suite"))
                .body("conditions.all[0].source", equalTo("第二条"))
                .body("benefit.lines[0].fixed", equalTo(8000.0f))
                .body("effectiveFrom", equalTo("2026-01-01"));
        get("/api/v1/policies/{id}", "NOPE").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void matchesOfAStoredEnterprise() {
        String uscc = Api.newUscc();
        Api.putEnterprise(uscc, flowProfile()).statusCode(201).body("industryCode", equalTo("C3581")).body("rdExpense", nullValue());
        get("/api/v1/enterprises/{uscc}/matches?asOf=2026-06-01", uscc).then().statusCode(200)
                .body("uscc", equalTo(uscc))
                .body("asOf", equalTo("2026-06-01"))
                .body("rulesetVersion", startsWith("policies@"))
                .body("sizeClass", equalTo("SMALL"))
                .body("eligible.find { it.policyId == 'T-FLOW-2026' }.amount", equalTo(8000.0f))
                .body("eligible.find { it.policyId == 'T-FLOW-2026' }.breakdown[0].source", equalTo("第四条"))
                .body("eligible.find { it.policyId == 'T-FLOW-2026' }.reasons.message", hasItem("属于测试组 flow"))
                .body("eligible.policyId", not(hasItem("T-BUDGET-2026")))
                .body("nearMisses.find { it.policyId == 'T-BUDGET-2026' }.unmet[0].field", equalTo("attributes.suite"))
                .body("nearMisses.find { it.policyId == 'T-BUDGET-2026' }.unmet[0].actual", equalTo("flow"))
                .body("nearMisses.find { it.policyId == 'T-BUDGET-2026' }.unmet[0].required", equalTo("= budget"))
                .body("undetermined", notNullValue());
        // after the policy ends it is not offered at all
        get("/api/v1/enterprises/{uscc}/matches?asOf=2027-01-04", uscc).then().statusCode(200)
                .body("eligible.policyId", not(hasItem("T-FLOW-2026")))
                .body("nearMisses.policyId", not(hasItem("T-FLOW-2026")));
        get("/api/v1/enterprises/{uscc}/matches?asOf=tomorrow", uscc).then().statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("asOf"));
        get("/api/v1/enterprises/{uscc}/matches", Api.newUscc()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void theCalculatorMatchesAProfileWithoutStoringIt() {
        Map<String, Object> profile = flowProfile();
        profile.remove("name");
        given().contentType("application/json").body(Map.of("asOf", "2026-06-01", "profile", profile))
                .post("/api/v1/matching/evaluate").then().statusCode(200)
                .body("eligible.policyId", hasItem("T-FLOW-2026"));
        profile.put("industryCode", "X9");
        given().contentType("application/json").body(Map.of("asOf", "2026-06-01", "profile", profile))
                .post("/api/v1/matching/evaluate").then().statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("industryCode"));
    }

    @Test
    void profileFieldsAreChecked() {
        String uscc = Api.newUscc();
        Map<String, Object> body = flowProfile();
        body.put("revenue", -1);
        body.put("taxPaid", 1.234);
        body.put("regionCode", "51010");
        body.put("qualifications", List.of(Map.of("type", "GOLD_STAR", "since", "2025-01-01")));
        Api.putEnterprise(uscc, body).statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItem("revenue"))
                .body("errors.field", hasItem("taxPaid"))
                .body("errors.field", hasItem("regionCode"))
                .body("errors.field", hasItem("qualifications[0].type"));
        body = flowProfile();
        body.put("insuredEmployees", 10.5);
        Api.putEnterprise(uscc, body).statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("insuredEmployees"));
        body = flowProfile();
        body.put("attributes", Map.of("nested", Map.of("a", 1)));
        Api.putEnterprise(uscc, body).statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("attributes.nested"));
        get("/api/v1/enterprises/{uscc}", uscc).then().statusCode(404);
    }

    @Test
    void bulkImportNdjsonReportsBadRowsAndImportsGoodOnes() {
        String good1 = Api.newUscc();
        String good2 = Api.newUscc();
        String bad = Api.newUscc();
        String ndjson = String.join("\n",
                "{\"uscc\": \"" + good1 + "\", \"name\": \"甲公司\", \"revenue\": 1000.50, \"industryCode\": \"I651\"}",
                "{\"uscc\": \"" + bad + "\", \"name\": \"乙公司\", \"revenue\": -5}",
                "not json",
                "{\"uscc\": \"" + good2 + "\", \"name\": \"丙公司\", \"qualifications\": [{\"type\": \"HIGH_TECH\", \"since\": \"2025-12-01\"}]}");
        given().contentType("application/x-ndjson").body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/enterprise-imports").then().statusCode(200)
                .body("rows", equalTo(4))
                .body("imported", equalTo(2))
                .body("failed", equalTo(2))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].field", equalTo("revenue"))
                .body("errors[1].line", equalTo(3));
        get("/api/v1/enterprises/{uscc}", good1).then().statusCode(200).body("industryCode", equalTo("I651"));
        get("/api/v1/enterprises/{uscc}", good2).then().statusCode(200).body("qualifications[0].type", equalTo("HIGH_TECH"));
        get("/api/v1/enterprises/{uscc}", bad).then().statusCode(404);
    }

    @Test
    void bulkImportCsv() {
        String good = Api.newUscc();
        String bad = Api.newUscc();
        String csv = "uscc,name,regionCode,industryCode,insuredEmployees,revenue\n"
                + good + ",\"成都\"\"丁\"\"公司\",510104,C35,12,3500000.00\n"
                + bad + ",戊公司,510104,ZZ,12,1\n";
        given().contentType("text/csv; charset=UTF-8").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/enterprise-imports").then().statusCode(200)
                .body("imported", equalTo(1))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].field", equalTo("industryCode"))
                .body("errors[0].reason", containsString("GB/T 4754"));
        get("/api/v1/enterprises/{uscc}", good).then().statusCode(200)
                .body("name", equalTo("成都\"丁\"公司"))
                .body("insuredEmployees", equalTo(12))
                .body("revenue", equalTo(3500000.0f));
    }

    @Test
    void unknownStaysUnknownThroughTheApi() {
        String uscc = Api.newUscc();
        Map<String, Object> body = new HashMap<>(flowProfile());
        body.remove("insuredEmployees");
        Api.putEnterprise(uscc, body).statusCode(201).body("insuredEmployees", nullValue()).body("qualifications", nullValue());
        get("/api/v1/enterprises/{uscc}/matches?asOf=2026-06-01", uscc).then().statusCode(200)
                .body("sizeClass", nullValue());
    }
}
