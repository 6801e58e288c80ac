package cn.zhiban.web;

import cn.zhiban.support.Api;
import cn.zhiban.grants.MatchingRuns;
import cn.zhiban.support.RestartablePostgres;
import cn.zhiban.support.Runs;
import cn.zhiban.support.TestSql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;
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
    @Inject
    MatchingRuns runs;

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
     * chunks of 50). Runs hold after their first chunk in this profile ({@code zhiban.runs.hold-after-chunks=1}),
     * so the database goes away at a known point: the run RUNNING with its first chunk committed, not finished.
     */
    @Test
    void aRunThatLosesTheDatabaseResumesAndGrantsTheSame() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection()) {
            new cn.zhiban.scale.EnterpriseGenerator(7).copyInto(c, 0, 2_000);
        }
        String policy = "N-WGFH-2026";
        String first = startRun(policy);
        awaitHeld(first);
        runs.release(UUID.fromString(first));
        String uninterrupted = finish(first);
        List<Map<String, Object>> expected = grants(policy);
        assertTrue(expected.size() > 50, "eligible: " + expected.size());
        deleteGrants(policy);

        String runId = startRun(policy);
        UUID id = UUID.fromString(runId);
        awaitHeld(runId);
        JsonPath before = Runs.until(runId, "RUNNING with a checkpoint", r -> r.getString("checkpoint") != null);
        assertEquals("RUNNING", before.getString("state"), before.prettify());
        assertEquals(50, before.getInt("done"), before.prettify());
        assertTrue(before.getInt("done") < before.getInt("total"), before.prettify());

        RestartablePostgres.stopDatabase();
        runs.release(id);
        await("run " + runId + " meets the outage and waits for the database").atMost(Duration.ofSeconds(60))
                .until(() -> runs.databaseWaits(id) > 0);
        RestartablePostgres.restartDatabase();
        ready(true);
        String resumed = finish(runId);
        assertEquals(expected, grants(policy));
        assertEquals(uninterrupted, resumed);
    }

    private void awaitHeld(String runId) {
        await("run " + runId + " held after its first chunk").atMost(Runs.TIMEOUT).until(() -> runs.held().contains(UUID.fromString(runId)));
    }

    private static String startRun(String policy) {
        return request().body(Map.of("asOf", "2026-06-30")).post("/api/v1/policies/{id}/runs", policy).then().statusCode(202).extract().path("id");
    }

    /** Waits for the run to end; its counts (done, eligible, offered, waitlisted, already). */
    private static String finish(String runId) {
        JsonPath r = Runs.finished(runId);
        return r.getInt("done") + " " + r.getInt("eligible") + " " + r.getInt("offered") + " " + r.getInt("waitlisted") + " " + r.getInt("already");
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

    /** Waits until readiness says {@code up} (the pool notices within its validation interval). */
    private static void ready(boolean up) {
        String expected = up ? "UP" : "DOWN";
        Response r = await("readiness " + expected).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> request().get("/q/health/ready"), response -> expected.equals(response.path("status")));
        assertEquals(up ? 200 : 503, r.statusCode());
        if (!up) {
            assertTrue(r.asString().contains("Database connections health check"), r.asString());
        }
    }
}
