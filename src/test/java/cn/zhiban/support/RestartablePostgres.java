package cn.zhiban.support;

import cn.zhiban.startup.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL the test can stop and start again under the running service: same data directory
 * (under target/), same port. For fault tests only; every other test uses {@link EmbeddedPostgresResource}.
 */
public class RestartablePostgres implements QuarkusTestResourceLifecycleManager {
    private static final Path DATA = Path.of("target", "restartable-postgres").toAbsolutePath();
    private static EmbeddedPostgres postgres;
    private static int port;

    /** The test profile: this database instead of the shared one. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestartablePostgres.class));
        }

        /** Runs hold after their first committed chunk until the test releases them, so a fault meets a run at a known point. */
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zhiban.runs.hold-after-chunks", "1");
        }
    }

    @Override
    public Map<String, String> start() {
        TestTokens.publicKey();
        deleteTree(DATA);
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres = EmbeddedDatabase.start(DATA, port);
        return Map.of(
                "quarkus.datasource.jdbc.url", EmbeddedDatabase.jdbcUrl(port),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        stopDatabase();
    }

    public static synchronized void stopDatabase() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres = null;
        }
    }

    public static synchronized void restartDatabase() {
        if (postgres == null) {
            postgres = EmbeddedDatabase.start(DATA, port);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
