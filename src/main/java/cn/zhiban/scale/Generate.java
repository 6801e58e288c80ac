package cn.zhiban.scale;

import cn.zhiban.matching.Policies;
import cn.zhiban.matching.PolicyDefinition;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The generate command (scale benchmarks, operators' test data):
 * <pre>
 * mvn -q compile exec:java@generate -Dexec.args="enterprises 1000000 --seed 42 [--from 0]
 *     [--jdbc jdbc:postgresql://localhost:54329/postgres --user postgres --password postgres] [--file target/scale/enterprises.csv]"
 * mvn -q compile exec:java@generate -Dexec.args="policies 1000 --seed 42 --out target/scale/policies [--real policy-data/policies]"
 * </pre>
 * With --jdbc the schema is migrated first (as the service does at start-up), then the rows are COPYed in.
 */
public final class Generate {
    private static final String USAGE = """
            usage: enterprises COUNT --seed N [--from I] [--jdbc URL --user U --password P] [--file PATH]
                   policies COUNT --seed N --out FOLDER [--real policy-data/policies]""";

    private Generate() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        if (args.length < 2) {
            fail(USAGE);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                fail("unexpected argument " + args[i] + "\n" + USAGE);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        long count = Long.parseLong(args[1]);
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        switch (args[0]) {
            case "enterprises" -> enterprises(count, seed, options);
            case "policies" -> policies(Math.toIntExact(count), seed, options);
            default -> fail(USAGE);
        }
    }

    private static void enterprises(long count, long seed, Map<String, String> options) throws IOException, SQLException {
        EnterpriseGenerator generator = new EnterpriseGenerator(seed);
        long from = Long.parseLong(options.getOrDefault("from", "0"));
        if (!options.containsKey("jdbc") && !options.containsKey("file")) {
            fail("enterprises: give --jdbc, --file or both");
        }
        if (options.containsKey("file")) {
            Path file = Path.of(options.get("file"));
            long start = System.nanoTime();
            generator.writeFile(file, from, count);
            System.out.printf("wrote %,d enterprises (seed %d, from %d) to %s: %,d bytes in %.1f s%n",
                    count, seed, from, file, Files.size(file), seconds(start));
        }
        if (options.containsKey("jdbc")) {
            String url = options.get("jdbc");
            String user = options.getOrDefault("user", "postgres");
            String password = options.getOrDefault("password", "");
            Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                long start = System.nanoTime();
                long copied = generator.copyInto(connection, from, count);
                System.out.printf("copied %,d enterprises (seed %d, from %d) into %s in %.1f s%n", copied, seed, from, url, seconds(start));
            }
        }
    }

    private static void policies(int count, long seed, Map<String, String> options) throws IOException {
        if (!options.containsKey("out")) {
            fail("policies: give --out FOLDER");
        }
        Path out = Path.of(options.get("out"));
        long start = System.nanoTime();
        Map<String, PolicyDefinition> real = Policies.read(Path.of(options.getOrDefault("real", "policy-data/policies")));
        Map<String, PolicyDefinition> generated = new PolicyGenerator(seed, real).generate(count);
        // A previous, larger run must not leave policies behind; only generated files are removed.
        if (Files.isDirectory(out)) {
            try (Stream<Path> files = Files.list(out)) {
                for (Path f : files.filter(f -> f.getFileName().toString().matches("G-\\d{4,}-\\d{4}\\.yaml")).toList()) {
                    Files.delete(f);
                }
            }
        }
        PolicyGenerator.writeYaml(out, generated.values());
        System.out.printf("wrote %,d policies (seed %d, varied from %d real ones) to %s in %.1f s%n",
                generated.size(), seed, real.size(), out, seconds(start));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
