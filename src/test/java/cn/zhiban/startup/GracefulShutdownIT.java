package cn.zhiban.startup;

import cn.zhiban.enterprise.Uscc;
import cn.zhiban.scale.EnterpriseGenerator;
import cn.zhiban.security.Roles;
import cn.zhiban.security.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged service, as operators run it (README command one: embedded PostgreSQL, policy-data loaded),
 * told to stop (SIGTERM) while a request is still streaming its body and a matching run is part way:
 * the request finishes and its rows are stored, the run stops at its last committed chunk, and the next
 * start finishes the run from that checkpoint with every eligible enterprise granted once.
 *
 * <p>Nothing here depends on how fast the machine is: the first start holds the run after its first
 * committed chunk ({@code zhiban.runs.hold-after-chunks=1}, a test-only setting) until the service is told
 * to stop, and every step waits for an event the service exposes (the run's checkpoint, the first streamed
 * row stored, new requests refused once the stop has begun).
 */
class GracefulShutdownIT {
    private static final Path DATA = Path.of("target", "graceful-shutdown-it").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = "N-WGFH-2026";
    private static final int ENTERPRISES = 20_000;
    private static final int CHUNK = 100;
    private static final int IN_FLIGHT_ROWS = 30;
    private static final int ROWS_BEFORE_STOP = 5;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int httpPort = freePort();
    private final int pgPort = freePort();
    private Process service;
    private String token;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    void aStopLetsRequestsFinishAndARunResumeFromItsCheckpoint() throws Exception {
        deleteRecursively(DATA);
        service = start("first", true);
        token = "Bearer " + Tokens.sign(DATA.resolve("keys"), "shutdown-it", Set.of(Roles.PLATFORM, Roles.POLICY_STAFF), null, Duration.ofHours(1));
        try (Connection db = database()) {
            new EnterpriseGenerator(42).copyInto(db, 0, ENTERPRISES);
        }

        String runId = post("/api/v1/policies/" + POLICY + "/runs", "{\"asOf\": \"2026-06-30\"}", 202).get("id").asText();
        // held after its first committed chunk: RUNNING with a checkpoint, and it does not move on
        JsonNode held = waitFor("the run to commit its first chunk and hold", runId, run -> run.get("checkpoint").isTextual());
        assertEquals("RUNNING", held.get("state").asText(), held.toString());
        assertEquals(CHUNK, held.get("done").asInt(), held.toString());
        int total = held.get("total").asInt();
        assertTrue(total > CHUNK, held.toString());
        await("the run held after its first chunk (log)").atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(DATA.resolve("first.log")).contains("run " + runId + " held after 1 committed chunks"));

        PipedOutputStream rows = new PipedOutputStream();
        InputStream body = new PipedInputStream(rows, 1 << 16);
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(uri("/api/v1/enterprise-imports"))
                .header("Authorization", token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), HttpResponse.BodyHandlers.ofString());
        List<String> imported = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT_ROWS; i++) {
            imported.add(uscc(i));
        }
        // The body passes buffers on its way (Quarkus's input buffer, 10 KB, and block reads behind it): blank
        // lines, which the import skips, push the first rows through to the import while the body stays open
        writeBlankLines(rows);
        for (int i = 0; i < ROWS_BEFORE_STOP; i++) {
            writeRow(rows, i, imported.get(i));
        }
        writeBlankLines(rows);
        // the service is reading the import: its first row is stored, and the body is still open
        try (Connection db = database()) {
            await("the first streamed row stored").atMost(Duration.ofSeconds(60))
                    .until(() -> count(db, "select count(*) from enterprise where uscc = any(?)", imported.toArray(String[]::new)) > 0);
        }
        service.toHandle().destroy();   // SIGTERM while the import is streaming and the run is held at its checkpoint
        await("the stop has begun (responses say Connection: close)").atMost(Duration.ofSeconds(20)).until(this::stopHasBegun);
        assertTrue(service.isAlive(), "the service stopped before the import in flight finished");
        for (int i = ROWS_BEFORE_STOP; i < IN_FLIGHT_ROWS; i++) {
            writeRow(rows, i, imported.get(i));
        }
        rows.close();

        HttpResponse<String> finished = inFlight.get(60, TimeUnit.SECONDS);
        assertEquals(200, finished.statusCode(), finished.body());
        assertEquals(IN_FLIGHT_ROWS, JSON.readTree(finished.body()).get("imported").asInt(), finished.body());
        assertTrue(service.waitFor(90, TimeUnit.SECONDS), "the service did not stop within 90 s");
        String firstLog = Files.readString(DATA.resolve("first.log"));
        assertTrue(firstLog.contains("run " + runId + " stops at its checkpoint"), "the run did not stop at a checkpoint:\n" + tail(firstLog));

        // what the stop left, read with the service down: the run as it was held, its grants those of that chunk
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(DATA.resolve("postgres"), pgPort); Connection db = database()) {
            assertEquals(List.of("RUNNING", held.get("checkpoint").asText(), (long) CHUNK), row(db,
                    "select state, checkpoint, done::bigint from matching_run where id = ?::uuid", runId));
            assertEquals(held.get("offered").asInt() + held.get("waitlisted").asInt(),
                    count(db, "select count(*) from grant_offer where policy_id = ?", POLICY), held.toString());
            assertEquals(IN_FLIGHT_ROWS, count(db, "select count(*) from enterprise where uscc = any(?)", imported.toArray(String[]::new)));
        }

        service = start("second", false);
        JsonNode done = waitFor("the resumed run to finish", runId, run -> "DONE".equals(run.get("state").asText()));
        // the rows imported during the run come after its checkpoint in USCC order (92… > 91…): the resumed run reads them too
        assertEquals(total + IN_FLIGHT_ROWS, done.get("done").asInt(), done.toString());
        assertEquals(0, done.get("already").asInt(), "the resumed run met grants of its own first chunk again: " + done);
        try (Connection db = database()) {
            long grants = count(db, "select count(*) from grant_offer where policy_id = ?", POLICY);
            assertEquals(grants, count(db, "select count(distinct uscc) from grant_offer where policy_id = ?", POLICY));
            assertEquals(done.get("eligible").asInt(), grants, done.toString());
            assertEquals(done.get("offered").asInt() + done.get("waitlisted").asInt(), grants, done.toString());
            assertTrue(grants > 1000, "the policy should reach many of " + ENTERPRISES + " generated enterprises: " + grants);
        }
    }

    private static void writeBlankLines(PipedOutputStream rows) throws IOException {
        rows.write("\n".repeat(32 * 1024).getBytes(StandardCharsets.UTF_8));
        rows.flush();
    }

    private static void writeRow(PipedOutputStream rows, int i, String uscc) throws IOException {
        rows.write(("{\"uscc\": \"" + uscc + "\", \"name\": \"在途导入企业" + i + "\", \"taxCreditGrade\": \"A\"}\n").getBytes(StandardCharsets.UTF_8));
        rows.flush();
    }

    /**
     * Whether the service has begun to stop: while requests in flight finish, Quarkus still answers new HTTP/1.1
     * requests but closes their connections ({@code Connection: close}); later it no longer accepts any.
     */
    private boolean stopHasBegun() throws InterruptedException {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri("/q/health/live")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.headers().allValues("connection").stream().anyMatch(v -> v.equalsIgnoreCase("close"));
        } catch (IOException refused) {
            return true;
        }
    }

    private Process start(String name, boolean holdRuns) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "run after `mvn package`: " + jar);
        Files.createDirectories(DATA);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(DATA.resolve(name + ".log").toFile());
        builder.environment().put("ZHIBAN_DATA_DIR", DATA.toString());
        builder.environment().put("ZHIBAN_PG_PORT", String.valueOf(pgPort));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        builder.environment().put("ZHIBAN_RUNS_CHUNK", String.valueOf(CHUNK));
        builder.environment().put("ZHIBAN_RUNS_HOLD_AFTER_CHUNKS", holdRuns ? "1" : "0");
        Process process = builder.start();
        try {
            await("the service " + name + " ready (/q/health/ready 200)").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.isAlive()) {
                            fail("the service exited (" + process.exitValue() + "):\n" + tail(Files.readString(DATA.resolve(name + ".log"))));
                        }
                        try {
                            return http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException notYet) {
                            return false;   // not listening yet
                        }
                    });
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError(e.getMessage() + ":\n" + tail(Files.readString(DATA.resolve(name + ".log"))), e);
        }
        return process;
    }

    private JsonNode waitFor(String what, String runId, java.util.function.Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            return await(what).atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50)).until(() -> {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/runs/" + runId)).header("Authorization", token).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                JsonNode run = JSON.readTree(response.body());
                last.set(run);
                assertTrue(Set.of("RUNNING", "DONE").contains(run.get("state").asText()), run.toString());
                return run;
            }, condition::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + last.get(), e);
        }
    }

    private JsonNode post(String path, String body, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(EmbeddedDatabase.jdbcUrl(pgPort), "postgres", "postgres");
    }

    private static List<Object> row(Connection db, String sql, Object parameter) throws SQLException {
        try (var statement = db.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                assertTrue(rs.next(), sql);
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getObject(i));
                }
                return values;
            }
        }
    }

    private static long count(Connection db, String sql, Object parameter) throws SQLException {
        try (var statement = db.prepareStatement(sql)) {
            if (parameter instanceof String[] values) {
                statement.setArray(1, db.createArrayOf("text", values));
            } else {
                statement.setObject(1, parameter);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + httpPort + path);
    }

    /** USCCs of a district the generator does not use, so the import only creates. */
    private static String uscc(int i) {
        String first17 = String.format("92510107MA%07d", i);
        return first17 + Uscc.checkCharacter(first17);
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 4000));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
