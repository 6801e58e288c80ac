package cn.zhiban.startup;

import cn.zhiban.enterprise.Uscc;
import cn.zhiban.scale.EnterpriseGenerator;
import cn.zhiban.security.Roles;
import cn.zhiban.security.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged service, as operators run it (README command one: embedded PostgreSQL, policy-data loaded),
 * told to stop (SIGTERM) while a request is still streaming its body and a matching run is half way:
 * the request finishes and its rows are stored, the run stops at a committed chunk, and the next start
 * finishes the run from that checkpoint with every eligible enterprise granted once.
 */
class GracefulShutdownIT {
    private static final Path DATA = Path.of("target", "graceful-shutdown-it").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = "N-WGFH-2026";
    private static final int ENTERPRISES = 20_000;
    private static final int IN_FLIGHT_ROWS = 30;

    private final HttpClient http = HttpClient.newHttpClient();
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
        service = start("first");
        token = "Bearer " + Tokens.sign(DATA.resolve("keys"), "shutdown-it", Set.of(Roles.PLATFORM, Roles.POLICY_STAFF), null, Duration.ofHours(1));
        try (Connection db = database()) {
            new EnterpriseGenerator(42).copyInto(db, 0, ENTERPRISES);
        }

        String runId = post("/api/v1/policies/" + POLICY + "/runs", "{\"asOf\": \"2026-06-30\"}", 202).get("id").asText();
        JsonNode halfWay = waitFor(runId, run -> run.get("done").asInt() > 0);
        int total = halfWay.get("total").asInt();

        PipedOutputStream rows = new PipedOutputStream();
        InputStream body = new PipedInputStream(rows, 1 << 16);
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(uri("/api/v1/enterprise-imports"))
                .header("Authorization", token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), HttpResponse.BodyHandlers.ofString());
        List<String> imported = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT_ROWS; i++) {
            String uscc = uscc(i);
            imported.add(uscc);
            rows.write(("{\"uscc\": \"" + uscc + "\", \"name\": \"在途导入企业" + i + "\", \"taxCreditGrade\": \"A\"}\n").getBytes(StandardCharsets.UTF_8));
            rows.flush();
            if (i == 4) {
                service.toHandle().destroy();   // SIGTERM while the import is streaming and the run is scanning
            }
            Thread.sleep(100);
        }
        rows.close();

        HttpResponse<String> finished = inFlight.get(60, TimeUnit.SECONDS);
        assertEquals(200, finished.statusCode(), finished.body());
        assertEquals(IN_FLIGHT_ROWS, JSON.readTree(finished.body()).get("imported").asInt(), finished.body());
        assertTrue(service.waitFor(90, TimeUnit.SECONDS), "the service did not stop within 90 s");
        String firstLog = Files.readString(DATA.resolve("first.log"));
        assertTrue(firstLog.contains("run " + runId + " stops at its checkpoint"), "the run did not stop at a checkpoint:\n" + tail(firstLog));

        service = start("second");
        JsonNode done = waitFor(runId, run -> "DONE".equals(run.get("state").asText()));
        // the rows imported during the run come after its checkpoint in USCC order (92… > 91…): the resumed run reads them too
        assertEquals(total + IN_FLIGHT_ROWS, done.get("done").asInt(), done.toString());
        try (Connection db = database()) {
            assertEquals(IN_FLIGHT_ROWS, count(db, "select count(*) from enterprise where uscc = any(?)", imported.toArray(String[]::new)));
            long grants = count(db, "select count(*) from grant_offer where policy_id = ?", POLICY);
            assertEquals(grants, count(db, "select count(distinct uscc) from grant_offer where policy_id = ?", POLICY));
            assertEquals(done.get("offered").asInt() + done.get("waitlisted").asInt(), grants, done.toString());
            assertTrue(grants > 1000, "the policy should reach many of " + ENTERPRISES + " generated enterprises: " + grants);
        }
    }

    private Process start(String name) throws IOException, InterruptedException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "run after `mvn package`: " + jar);
        Files.createDirectories(DATA);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(DATA.resolve(name + ".log").toFile());
        builder.environment().put("ZHIBAN_DATA_DIR", DATA.toString());
        builder.environment().put("ZHIBAN_PG_PORT", String.valueOf(pgPort));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        builder.environment().put("ZHIBAN_RUNS_CHUNK", "100");   // many commits, so a stop finds the run half way
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the service exited (" + process.exitValue() + "):\n" + tail(Files.readString(DATA.resolve(name + ".log"))));
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        process.destroyForcibly();
        throw new AssertionError("the service was not ready within 240 s:\n" + tail(Files.readString(DATA.resolve(name + ".log"))));
    }

    private JsonNode waitFor(String runId, java.util.function.Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/runs/" + runId)).header("Authorization", token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            run = JSON.readTree(response.body());
            if (condition.test(run)) {
                return run;
            }
            assertTrue(Set.of("RUNNING", "DONE").contains(run.get("state").asText()), run.toString());
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " never got there: " + run);
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
