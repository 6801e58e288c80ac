package cn.zhiban.startup;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL started from binaries in a jar (zonky), for running the service with nothing
 * installed. Its data directory persists between runs.
 */
public final class EmbeddedDatabase {
    private EmbeddedDatabase() {
    }

    /** Starts PostgreSQL on {@code port} with data in {@code dataDir}; returns the running server (close to stop). */
    public static EmbeddedPostgres start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // zonky's hook would stop PostgreSQL at once on SIGTERM, under requests and runs still finishing;
                    // ZhibanMain stops it after Quarkus has.
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL failed to start in " + dataDir, e);
        }
    }

    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }
}
