package cn.zhiban.web;

import cn.zhiban.support.Api;
import cn.zhiban.support.RestartablePostgres;
import cn.zhiban.support.TestSql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database goes away under the running service and comes back: requests meanwhile get a quick
 * 503 problem naming the database (never a 500, never a hang), readiness goes down, and afterwards
 * everything works again without a restart — and nothing attempted meanwhile was half-written.
 */
@QuarkusTest
@TestProfile(RestartablePostgres.Profile.class)
class DatabaseFaultTest {
    private static final String FOOD = "SCJG-SPJY-001";
    /** A request that hangs fails the test instead of the build. */
    private static final RestAssuredConfig TIMEOUTS = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 5_000).setParam("http.socket.timeout", 20_000));

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void databaseBack() {
        RestartablePostgres.restartDatabase();
    }

    private static RequestSpecification request() {
        return RestAssured.given().config(TIMEOUTS).contentType(ContentType.JSON);
    }

    /** The same three requests before, during and after: a read, a decision, an enterprise upsert. */
    private record Attempt(String name, Supplier<Response> send) {
    }

    private static List<Attempt> attempts(String applicant, String newcomer) {
        return List.of(
                new Attempt("read enterprise", () -> request().get("/api/v1/enterprises/{uscc}", applicant)),
                new Attempt("decide", () -> request().body(Api.application(FOOD, applicant, "2026-06-01",
                        List.of("M01", "M02", "M03", "M04", "M05", "M06"), List.of(), false)).post("/api/v1/acceptance/decisions")),
                new Attempt("upsert enterprise", () -> request().body(Api.enterprise("A", "B")).put("/api/v1/enterprises/{uscc}", newcomer)));
    }

    @Test
    void databaseOutageIs503AndTheServiceRecoversByItself() {
        String applicant = Api.applicant("A", "A");
        String newcomer = Api.newUscc();
        List<Attempt> attempts = attempts(applicant, newcomer);
        ready(true);

        RestartablePostgres.stopDatabase();
        for (int round = 0; round < 3; round++) {   // the first round meets dead pooled connections, later ones refused connects
            for (Attempt attempt : attempts) {
                long started = System.nanoTime();
                Response r = attempt.send().get();
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(503, r.statusCode(), attempt.name() + ": " + r.asString());
                assertEquals(ProblemMappers.PROBLEM_JSON, r.contentType(), attempt.name());
                assertEquals("(database)", r.path("errors[0].field"), attempt.name());
                assertEquals("5", r.header("Retry-After"), attempt.name());
                assertTrue(millis < 10_000, attempt.name() + " took " + millis + " ms");
            }
        }
        ready(false);
        RestAssured.get("/q/health/live").then().statusCode(200);   // alive: nothing to restart, it recovers by itself

        RestartablePostgres.restartDatabase();
        ready(true);
        List<Integer> after = attempts.stream().map(a -> a.send().get().statusCode()).toList();
        assertEquals(List.of(200, 201, 201), after);

        // nothing from the outage: one decision (made after it), the newcomer created by the PUT after it
        assertEquals(1, TestSql.count(dataSource, "select count(*) from acceptance_decision where applicant_uscc = ?", applicant));
        assertEquals(1, TestSql.count(dataSource, "select count(*) from enterprise where uscc = ?", newcomer));
    }

    /**
     * A matching run loses its database part-way: it waits, and when the database is back it continues from its
     * checkpoint by itself and ends with exactly the grants an uninterrupted run gives (2,000 generated enterprises,
     * chunks of 50).
     */
    @Test
    void aRunThatLosesTheDatabaseResumesAndGrantsTheSame() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection()) {
            new cn.zhiban.scale.EnterpriseGenerator(7).copyInto(c, 0, 2_000);
        }
        String policy = "N-WGFH-2026";
        String uninterrupted = finish(startRun(policy));
        List<Map<String, Object>> expected = grants(policy);
        assertTrue(expected.size() > 50, "eligible: " + expected.size());
        deleteGrants(policy);

        String runId = startRun(policy);
        int done = 0;
        int total = 0;
        for (int i = 0; i < 200 && done == 0; i++) {
            Response progress = request().get("/api/v1/runs/{id}", runId);
            done = progress.path("done");
            total = progress.path("total");
            TestSql.sleep(20);
        }
        RestartablePostgres.stopDatabase();
        TestSql.sleep(3_000);   // the run meets the outage and waits
        RestartablePostgres.restartDatabase();
        ready(true);
        String resumed = finish(runId);
        assertTrue(done < total, "the run finished before the outage (" + done + " of " + total + " done): nothing was tested");
        assertEquals(expected, grants(policy));
        assertEquals(uninterrupted, resumed);
    }

    private static String startRun(String policy) {
        return request().body(Map.of("asOf", "2026-06-30")).post("/api/v1/policies/{id}/runs", policy).then().statusCode(202).extract().path("id");
    }

    /** Waits for the run to end; its counts (done, eligible, offered, waitlisted, already). */
    private static String finish(String runId) {
        for (int i = 0; i < 600; i++) {
            Response r = request().get("/api/v1/runs/{id}", runId);
            if (r.statusCode() == 200 && !"RUNNING".equals(r.path("state"))) {
                assertEquals("DONE", r.path("state"), r.asString());
                return r.path("done") + " " + r.path("eligible") + " " + r.path("offered") + " " + r.path("waitlisted") + " " + r.path("already");
            }
            TestSql.sleep(100);
        }
        throw new AssertionError("run " + runId + " never finished");
    }

    private List<Map<String, Object>> grants(String policy) {
        return TestSql.rows(dataSource, """
                select g.uscc, g.amount, g.state, g.waitlist_rank, (select count(*) from grant_event e where e.grant_id = g.id) as events
                from grant_offer g where g.policy_id = ? order by g.uscc""", policy);
    }

    private void deleteGrants(String policy) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("delete from inbox_message where policy_id = '" + policy + "'");
            s.execute("delete from grant_event where grant_id in (select id from grant_offer where policy_id = '" + policy + "')");
            s.execute("delete from grant_offer where policy_id = '" + policy + "'");
        }
    }

    /** Polls readiness until it says {@code up} (the pool notices within its validation interval). */
    private static void ready(boolean up) {
        String expected = up ? "UP" : "DOWN";
        String last = "";
        for (int i = 0; i < 60; i++) {
            Response r = request().get("/q/health/ready");
            last = r.asString();
            if (expected.equals(r.path("status"))) {
                assertEquals(up ? 200 : 503, r.statusCode());
                if (!up) {
                    assertTrue(last.contains("Database connections health check"), last);
                }
                return;
            }
            TestSql.sleep(500);
        }
        throw new AssertionError("readiness never " + expected + ": " + last);
    }
}
