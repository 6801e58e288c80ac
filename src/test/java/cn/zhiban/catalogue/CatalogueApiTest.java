package cn.zhiban.catalogue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CatalogueApiTest {

    @Test
    void theCatalogueHasAtLeastThirtyItemsInSixDepartments() {
        List<String> departments = get("/api/v1/service-items").then().statusCode(200)
                .body("$", everyItem(hasKey("materials")))
                .extract().path("department");
        assertTrue(departments.size() >= 30, "items: " + departments.size());
        assertTrue(new HashSet<>(departments).size() >= 6, "departments: " + new HashSet<>(departments));
    }

    @Test
    void oneItemInTheContractShape() {
        get("/api/v1/service-items/{code}", "SCJG-SPJY-001").then().statusCode(200)
                .body("code", equalTo("SCJG-SPJY-001"))
                .body("department", equalTo("市场监管"))
                .body("riskLevel", equalTo("MEDIUM"))
                .body("difficulty", equalTo("MODERATE"))
                .body("statutoryDays", equalTo(20))
                .body("promisedDays", equalTo(10))
                .body("allowedModes", contains("CONDITIONAL_ACCEPTANCE", "MATERIAL_PLEDGE", "SITE_INSPECTION_PLEDGE"))
                .body("supplementDays", equalTo(5))
                .body("verificationDays", equalTo(20))
                .body("materials[2].code", equalTo("M03"))
                .body("materials[2].core", equalTo(true))
                .body("materials[2].pledgeable", equalTo(true))
                .body("siteInspection.required", equalTo(true))
                .body("siteInspection.inspectWithinDays", equalTo(30));
    }

    @Test
    void filterByDepartment() {
        get("/api/v1/service-items?department=应急管理").then().statusCode(200)
                .body("department", everyItem(equalTo("应急管理")));
    }

    @Test
    void unknownItemIs404ProblemJson() {
        get("/api/v1/service-items/{code}", "NOPE-NOPE-000").then().statusCode(404)
                .contentType("application/problem+json").body("errors[0].field", equalTo("code"));
    }
}
