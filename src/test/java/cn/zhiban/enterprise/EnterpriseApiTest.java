package cn.zhiban.enterprise;

import cn.zhiban.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class EnterpriseApiTest {
    private static final String PROBLEM = "application/problem+json";

    @Test
    void putCreatesThenReplaces() {
        String uscc = Api.newUscc();
        Map<String, Object> body = Api.enterprise("B", "A");
        body.put("listings", List.of(Api.listing("ABNORMAL_OPERATION", "2026-01-10", null)));
        Api.putEnterprise(uscc, body).statusCode(201)
                .body("uscc", equalTo(uscc))
                .body("taxCreditGrade", equalTo("B"))
                .body("listings[0].list", equalTo("ABNORMAL_OPERATION"))
                .body("listings[0].since", equalTo("2026-01-10"))
                .body("history", empty());
        body.put("taxCreditGrade", null);
        body.put("listings", List.of());
        Api.putEnterprise(uscc, body).statusCode(200);
        get("/api/v1/enterprises/{uscc}", uscc).then().statusCode(200)
                .body("taxCreditGrade", nullValue())
                .body("listings", empty());
    }

    @Test
    void demoEnterprisesAreLoaded() {
        get("/api/v1/enterprises/{uscc}", "91510107MA6LGA5KXD").then().statusCode(200).body("name", containsString("食品"));
    }

    @Test
    void invalidUsccIsRefusedAndNothingIsStored() {
        String uscc = Api.newUscc();
        String wrong = uscc.substring(0, 17) + (uscc.charAt(17) == 'X' ? 'Y' : 'X');
        Api.putEnterprise(wrong, Api.enterprise("A", "A")).statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("uscc"));
        Api.putEnterprise(uscc.substring(0, 17), Api.enterprise("A", "A")).statusCode(422).contentType(PROBLEM)
                .body("errors[0].reason", containsString("18"));
        get("/api/v1/enterprises/{uscc}", wrong).then().statusCode(422).contentType(PROBLEM);
    }

    @Test
    void everyInvalidFieldIsNamed() {
        String uscc = Api.newUscc();
        Map<String, Object> body = Api.enterprise("X", "M");
        body.put("name", " ");
        body.put("listings", List.of(Api.listing("BLACKLIST", "2026-01-10", null), Api.listing("DISHONEST_DEBTOR", "2026-02-01", "2026-01-01")));
        Api.putEnterprise(uscc, body).statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("taxCreditGrade"))
                .body("errors.field", hasItem("publicCreditGrade"))
                .body("errors.field", hasItem("listings[0].list"))
                .body("errors.field", hasItem("listings[1].until"));
        get("/api/v1/enterprises/{uscc}", uscc).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void unknownFieldAndWrongTypes() {
        String uscc = Api.newUscc();
        Map<String, Object> body = Api.enterprise("A", "A");
        body.put("history", List.of());
        Api.putEnterprise(uscc, body).statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("history"));
        body = Api.enterprise("A", "A");
        body.put("creditRepairedOn", "yesterday");
        Api.putEnterprise(uscc, body).statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("creditRepairedOn"));
        given().contentType(ContentType.JSON).body("[1,2]").put("/api/v1/enterprises/{uscc}", uscc)
                .then().statusCode(400).contentType(PROBLEM);
        get("/api/v1/enterprises/{uscc}", uscc).then().statusCode(404);
    }
}
