package cn.zhiban.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One file of a rule set: hand-written DRL, a CSV decision table, or DRL generated from a policy file
 * (named after that file, so errors point at what staff wrote).
 */
public record RuleSource(String path, boolean decisionTable, byte[] content) {

    public static RuleSource drl(String path, String text) {
        return new RuleSource(path, false, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The .drl and .drl.csv files under {@code folder}, sorted; paths are prefixed with {@code label}. */
    public static List<RuleSource> folder(Path folder, String label) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".drl") || p.toString().endsWith(".drl.csv"))
                    .sorted()
                    .map(p -> new RuleSource(label + folder.relativize(p), p.toString().endsWith(".drl.csv"), read(p)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
