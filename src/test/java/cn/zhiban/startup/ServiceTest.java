package cn.zhiban.startup;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The service around the API: health, OpenAPI, and start-up loading that can be repeated. */
@QuarkusTest
class ServiceTest {
    @Inject
    PolicyDataLoader loader;

    @Test
    void readinessChecksTheDatabaseAndTheActiveRuleSet() {
        get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("rule-sets"))
                .body("checks.find { it.name == 'rule-sets' }.data.acceptance", startsWith("acceptance@"))
                .body("checks.name", hasItem("Database connections health check"));
        get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiAndSwaggerUi() {
        get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/acceptance/decisions"));
        get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void loadingThePolicyDataAgainChangesNothing() {
        String before = get("/api/v1/service-items/SCJG-SPJY-001").asString();
        int items = get("/api/v1/service-items").then().extract().path("size()");
        String enterprise = get("/api/v1/enterprises/91510107MA6LGA5KXD").asString();
        loader.loadAll();
        get("/api/v1/service-items").then().body("size()", equalTo(items));
        get("/api/v1/service-items/SCJG-SPJY-001").then().body(equalTo(before));
        get("/api/v1/enterprises/91510107MA6LGA5KXD").then().body(equalTo(enterprise));
    }
}
