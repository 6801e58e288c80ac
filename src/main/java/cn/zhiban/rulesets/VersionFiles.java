package cn.zhiban.rulesets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The files of one rule-set version, by repository path ("rules/acceptance/credit.drl",
 * "policy-data/policies/N-WGFH-2026.yaml"). Sorted, so the content hash is stable.
 */
public record VersionFiles(Map<String, byte[]> files) {
    static final int MAX_FILES = 2000;
    static final int MAX_BYTES = 20 * 1024 * 1024;

    public VersionFiles {
        files = new TreeMap<>(files);
    }

    /** SHA-256 over every path and content, first 12 hex characters. */
    public String contentHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((path, content) -> {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(content);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String text(String path) {
        return new String(files.get(path), StandardCharsets.UTF_8);
    }

    /** The files under {@code folder} whose names end with one of {@code suffixes}, prefixed with {@code prefix}. */
    static void collect(Map<String, byte[]> into, Path folder, String prefix, String... suffixes) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.toString();
                for (String suffix : suffixes) {
                    if (name.endsWith(suffix)) {
                        into.put(prefix + folder.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static VersionFiles fromTexts(Map<String, String> texts) {
        Map<String, byte[]> files = new TreeMap<>();
        texts.forEach((path, text) -> files.put(path, text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8)));
        return new VersionFiles(files);
    }

    public static VersionFiles fromZip(byte[] zip) {
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] content = in.readNBytes(MAX_BYTES + 1);
                total += content.length;
                if (total > MAX_BYTES || files.size() >= MAX_FILES) {
                    throw new IllegalArgumentException("zip too large (at most " + MAX_FILES + " files, " + MAX_BYTES + " bytes)");
                }
                files.put(entry.getName(), content);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable zip: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("not a zip, or a zip without files");
        }
        return new VersionFiles(files);
    }
}
