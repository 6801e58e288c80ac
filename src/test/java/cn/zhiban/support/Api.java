package cn.zhiban.support;

import cn.zhiban.enterprise.Uscc;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/** Small helpers for talking to the running service over HTTP, as a platform backend would. */
public final class Api {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private Api() {
    }

    /** A fresh, valid USCC (Chengdu Wuhou district), different on every call. */
    public static String newUscc() {
        long n = SEQUENCE.incrementAndGet();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            body.append(CHARSET.charAt((int) (n % 31)));
            n /= 31;
        }
        String first17 = "91510107MA" + body;
        return first17 + Uscc.checkCharacter(first17);
    }

    public static Map<String, Object> enterprise(String taxGrade, String publicGrade) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "测试企业有限公司");
        body.put("taxCreditGrade", taxGrade);
        body.put("publicCreditGrade", publicGrade);
        body.put("listings", new ArrayList<>());
        body.put("creditRepairedOn", null);
        return body;
    }

    public static Map<String, Object> listing(String list, String since, String until) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("list", list);
        l.put("since", since);
        l.put("until", until);
        return l;
    }

    public static ValidatableResponse putEnterprise(String uscc, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().put("/api/v1/enterprises/{uscc}", uscc).then();
    }

    /** Registers a new enterprise with these grades and returns its USCC. */
    public static String applicant(String taxGrade, String publicGrade) {
        String uscc = newUscc();
        putEnterprise(uscc, enterprise(taxGrade, publicGrade)).statusCode(201);
        return uscc;
    }

    public static Map<String, Object> application(String itemCode, String uscc, String date, List<String> submitted,
                                                  List<String> pledged, boolean pledgeSiteInspection) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("itemCode", itemCode);
        body.put("applicantUscc", uscc);
        body.put("applicationDate", date);
        body.put("submittedMaterials", submitted);
        body.put("pledgedMaterials", pledged);
        body.put("pledgeSiteInspection", pledgeSiteInspection);
        return body;
    }

    public static ValidatableResponse decide(Map<String, Object> application) {
        return given().contentType(ContentType.JSON).body(application).when().post("/api/v1/acceptance/decisions").then();
    }

    public static ValidatableResponse decide(String itemCode, String uscc, String date, List<String> submitted,
                                             List<String> pledged, boolean pledgeSiteInspection) {
        return decide(application(itemCode, uscc, date, submitted, pledged, pledgeSiteInspection));
    }

    public static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }
}
