package cn.zhiban.web;

import cn.zhiban.support.Api;
import cn.zhiban.support.TestSql;
import cn.zhiban.support.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10 MB bodies and more, declared or streamed: a 4xx problem+json naming the field or the body, nothing
 * written, and the service (and, when the client sent the length, the connection) still serves.
 */
@QuarkusTest
class LargeBodyTest {
    private static final int MB = 1024 * 1024;

    @TestHTTPResource("/")
    URI root;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedBeforeItIsRead() {
        String uscc = Api.newUscc();
        byte[] body = jsonWithName(10 * MB + 1);   // one byte over 10 MB
        given().contentType("application/json").body(body)
                .put("/api/v1/enterprises/" + uscc)
                .then().statusCode(413).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("(body)"))
                .body("errors[0].reason", containsString("10485760"));
        assertEquals(0, TestSql.count(dataSource, "select count(*) from enterprise where uscc = ?", uscc));
        given().get("/api/v1/enterprises/" + uscc).then().statusCode(404);   // still serving
    }

    @Test
    void aTenMegabyteBodyUnderTheLimitIsRefusedByItsField() {
        String uscc = Api.newUscc();
        given().contentType("application/json").body(jsonWithName(10_000_000))
                .put("/api/v1/enterprises/" + uscc)
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("name"));
        given().contentType("application/json").body(deepNesting(10_000_000))
                .put("/api/v1/enterprises/" + uscc)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("name"));
        assertEquals(0, TestSql.count(dataSource, "select count(*) from enterprise where uscc = ?", uscc));
    }

    @Test
    void aStreamedBodyIsRefusedWhenItCrossesTheLimit() throws IOException, InterruptedException {
        long enterprises = TestSql.count(dataSource, "select count(*) from enterprise");
        byte[] head = "{\"itemCode\": \"SCJG-SPJY-001\", \"applicantUscc\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] filler = new byte[12 * MB];
        Arrays.fill(filler, (byte) 'x');
        for (String path : new String[]{"/api/v1/acceptance/decisions", "/api/v1/enterprise-imports"}) {
            InputStream stream = new SequenceInputStream(new ByteArrayInputStream(head), new ByteArrayInputStream(filler));
            HttpRequest request = HttpRequest.newBuilder(root.resolve(path))
                    .header("Authorization", TestTokens.platform())
                    .header("Content-Type", path.endsWith("imports") ? "application/x-ndjson" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> stream))   // unknown length: sent chunked
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode(), path + ": " + response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), path);
            assertEquals("(body)", JsonPath.from(response.body()).getString("errors[0].field"), path);
        }
        assertEquals(enterprises, TestSql.count(dataSource, "select count(*) from enterprise"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** An enterprise whose name fills the body up to {@code size} bytes. */
    private static byte[] jsonWithName(int size) {
        String head = "{\"name\": \"";
        String tail = "\", \"taxCreditGrade\": \"A\"}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] deepNesting(int size) {
        int depth = (size - 20) / 2;
        return ("{\"name\": " + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
    }
}
