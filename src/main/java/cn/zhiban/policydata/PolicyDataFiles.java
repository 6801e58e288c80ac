package cn.zhiban.policydata;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the YAML files policy staff write; any unknown or mistyped field is an error with its place. */
public final class PolicyDataFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // A missing field arrives as null and is reported by the file's own checks as "必填".
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private PolicyDataFiles() {
    }

    /** The .yaml / .yml files directly in {@code folder}, sorted by name; none when the folder is absent. */
    public static List<Path> yamlFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(Path file, Class<T> type) {
        try {
            return read(file.toString(), java.nio.file.Files.readAllBytes(file), type);
        } catch (IOException e) {
            throw new PolicyDataException(file.toString(), "", "无法读取:" + e.getMessage());
        }
    }

    /** Reads YAML content named {@code file} (a path in a rule-set version, say). */
    public static <T> T read(String file, byte[] content, Class<T> type) {
        try {
            T value = YAML.readValue(content, type);
            if (value == null) {
                throw new PolicyDataException(file, "", "文件为空");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new PolicyDataException(file, path(e) + line(e), "未知字段,允许的字段为 " + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            throw new PolicyDataException(file, path(e) + line(e), e.getOriginalMessage());
        } catch (IOException e) {
            throw new PolicyDataException(file, "", "无法读取或不是合法的 YAML:" + e.getMessage());
        }
    }

    /** Converts one already-read node (e.g. a list entry) with the same strictness, naming {@code at} in errors. */
    public static <T> T convert(com.fasterxml.jackson.databind.JsonNode node, Class<T> type, Path file, String at) {
        try {
            return YAML.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw new PolicyDataException(file.toString(), at + "." + path(e), "未知字段,允许的字段为 " + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            throw new PolicyDataException(file.toString(), at + "." + path(e), e.getOriginalMessage());
        } catch (IOException e) {
            throw new PolicyDataException(file.toString(), at, e.getMessage());
        }
    }

    private static String line(JsonMappingException e) {
        return e.getLocation() == null ? "" : " (第" + e.getLocation().getLineNr() + "行)";
    }

    /** The JSON path of a mapping error, e.g. {@code listings[0].since}; used for API problems too. */
    public static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
