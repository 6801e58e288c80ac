package cn.zhiban.startup;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.annotations.QuarkusMain;
import cn.zhiban.security.LocalKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;

/**
 * Starts the service. With no database configured (no QUARKUS_DATASOURCE_JDBC_URL), it first starts
 * an embedded PostgreSQL whose data stays in ZHIBAN_DATA_DIR (default {@code .zhiban/} in the
 * working directory) on port ZHIBAN_PG_PORT (default 54329).
 */
@QuarkusMain
@ApplicationScoped
public class ZhibanMain {
    private static final CountDownLatch QUARKUS_STOPPED = new CountDownLatch(1);


    public static void main(String... args) throws IOException {
        EmbeddedPostgres embedded = null;
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null && System.getProperty("quarkus.datasource.jdbc.url") == null) {
            Path dataDir = Path.of(System.getenv().getOrDefault("ZHIBAN_DATA_DIR", ".zhiban")).toAbsolutePath().resolve("postgres");
            int port = Integer.parseInt(System.getenv().getOrDefault("ZHIBAN_PG_PORT", "54329"));
            embedded = EmbeddedDatabase.start(dataDir, port);
            System.setProperty("quarkus.datasource.jdbc.url", EmbeddedDatabase.jdbcUrl(port));
            System.setProperty("quarkus.datasource.username", "postgres");
            System.setProperty("quarkus.datasource.password", "postgres");
            System.out.println("Embedded PostgreSQL on port " + port + ", data in " + dataDir);
        }
        // Tokens for local use are verified with a key generated on first start; production sets the issuer's key.
        if (System.getenv("MP_JWT_VERIFY_PUBLICKEY_LOCATION") == null && System.getProperty("mp.jwt.verify.publickey.location") == null) {
            Path keys = Path.of(System.getenv().getOrDefault("ZHIBAN_DATA_DIR", ".zhiban")).toAbsolutePath().resolve("keys");
            LocalKeys.ensure(keys);
            System.setProperty("mp.jwt.verify.publickey.location", LocalKeys.publicKey(keys).toString());
            System.out.println("Local token keys in " + keys + " (mint a token: mvn -q compile exec:java@token -Dexec.args=\"platform\")");
        }
        if (embedded != null) {
            // On SIGTERM the JVM runs its hooks while Quarkus lets requests finish and runs checkpoint: PostgreSQL
            // stops once Quarkus has (or, should that hang, after the longest graceful stop).
            EmbeddedPostgres database = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    QUARKUS_STOPPED.await(90, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stop(database);
            }, "embedded-postgres-stop"));
        }
        try {
            Quarkus.run(args);
        } finally {
            QUARKUS_STOPPED.countDown();
            if (embedded != null) {
                stop(embedded);
            }
        }
    }

    /** Last of the shutdown observers: requests have finished and runs have checkpointed. */
    void stopped(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        QUARKUS_STOPPED.countDown();
    }

    private static synchronized void stop(EmbeddedPostgres database) {
        try {
            database.close();   // a second close finds the server stopped and returns
        } catch (IOException | RuntimeException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e);
        }
    }
}
