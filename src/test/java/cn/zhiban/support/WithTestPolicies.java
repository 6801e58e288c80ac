package cn.zhiban.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shipped policy-data plus the test policies of src/test/resources/test-policies — each added
 * as one file, no Java. Test policies match only enterprises whose {@code attributes.suite} names
 * them, so each test controls exactly who is eligible.
 */
public class WithTestPolicies implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        Path copy = Path.of("target", "policy-data-with-test-policies");
        copyTree(Path.of("policy-data"), copy);
        copyTree(Path.of("src/test/resources/test-policies"), copy.resolve("policies"));
        return Map.of("zhiban.policy-data.dir", copy.toString());
    }

    public static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
