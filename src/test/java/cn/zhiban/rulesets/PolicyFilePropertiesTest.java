package cn.zhiban.rulesets;

import cn.zhiban.policydata.PolicyDataFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Policy files broken at random places — values replaced by garbage, keys dropped, nulls slipped into
 * lists, subtrees copied elsewhere — as an upload or a start-up would read them: each is refused with
 * problems naming the file and the field, or accepted with its generated rules. Nothing throws.
 */
class PolicyFilePropertiesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<JsonNode> SHIPPED = PolicyDataFiles.yamlFiles(Path.of("policy-data/policies")).stream()
            .map(PolicyFilePropertiesTest::tree).toList();
    private static final List<JsonNode> GARBAGE = List.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("x"), NODES.textNode("2026-02-30"),
            NODES.numberNode(-1), NODES.numberNode(new BigDecimal("1.005")), NODES.numberNode(Double.NaN), NODES.numberNode(Double.POSITIVE_INFINITY),
            NODES.numberNode(new BigDecimal("1E+400")), NODES.booleanNode(true), NODES.arrayNode(), NODES.arrayNode().addNull(),
            NODES.arrayNode().add("x").addNull(), NODES.objectNode(), NODES.objectNode().putNull("id"),
            NODES.objectNode().put("id", "x").set("all", NODES.arrayNode()));
    /** After "file: ", a field path such as conditions.all[1].values or benefit.lines[0].perUnit.field (and its line), then the reason. */
    private static final Pattern FIELD = Pattern.compile("[a-zA-Z]+[^:\\s]*( \\(第\\d+行\\))?: .+", Pattern.DOTALL);

    private static JsonNode tree(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every place in a tree that can be replaced or removed, as a setter on its parent. */
    private static void places(JsonNode node, List<Consumer<JsonNode>> setters, List<Runnable> removers) {
        if (node instanceof ObjectNode object) {
            for (String field : iterable(object.fieldNames())) {
                setters.add(value -> object.set(field, value));
                removers.add(() -> object.remove(field));
                places(object.get(field), setters, removers);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int at = i;
                setters.add(value -> array.set(at, value));
                removers.add(() -> array.insertNull(at));
                places(array.get(i), setters, removers);
            }
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** A shipped policy with one to four random breakages. */
    static Gen<JsonNode> brokenPolicies() {
        Gen<Integer> choice = integers().between(0, Integer.MAX_VALUE);
        return in -> {
            JsonNode policy = SHIPPED.get(choice.generate(in) % SHIPPED.size()).deepCopy();
            int breakages = 1 + choice.generate(in) % 4;
            for (int i = 0; i < breakages; i++) {
                List<Consumer<JsonNode>> setters = new ArrayList<>();
                List<Runnable> removers = new ArrayList<>();
                places(policy, setters, removers);
                if (setters.isEmpty()) {
                    break;   // an earlier breakage replaced the whole content: nothing left to break
                }
                int where = choice.generate(in) % setters.size();
                List<JsonNode> subtrees = new ArrayList<>();
                policy.findParents("id").forEach(subtrees::add);
                int how = choice.generate(in) % (subtrees.isEmpty() ? 2 : 3);   // no subtree left with an id: garbage or removal only
                switch (how) {
                    case 0 -> setters.get(where).accept(GARBAGE.get(choice.generate(in) % GARBAGE.size()).deepCopy());
                    case 1 -> removers.get(where).run();
                    default -> {   // a copy of another subtree (duplicate ids, conditions where values belong, …)
                        setters.get(where).accept(subtrees.get(choice.generate(in) % subtrees.size()).deepCopy());
                    }
                }
            }
            return policy;
        };
    }

    @Test
    void brokenPolicyFilesAreRefusedByFieldOrAccepted() {
        qt().withExamples(1000).forAll(brokenPolicies()).checkAssert(tree -> {
            String path = "policy-data/policies/" + (tree.path("id").isTextual() ? tree.get("id").asText() : "X") + ".yaml";
            List<ValidationReport.Problem> errors = new ArrayList<>();
            Validator.PolicyFile file;
            try {
                file = Validator.policyFile(path, YAML.writeValueAsBytes(tree), errors);
            } catch (Exception | StackOverflowError e) {
                fail(tree + " threw " + e, e);
                return;
            }
            if (file != null) {
                assertEquals(List.of(), errors);
                assertTrue(new String(file.rules().content(), StandardCharsets.UTF_8).contains("@policy(\"" + file.definition().id() + "\")"), tree::toString);
            } else {
                assertFalse(errors.isEmpty(), tree::toString);
                errors.forEach(e -> {
                    assertEquals(path, e.file());
                    assertTrue(e.message().startsWith(path + ": "), e.message());
                    String rest = e.message().substring(path.length() + 2);
                    assertTrue(FIELD.matcher(rest).matches() || rest.startsWith("无法检查此文件"), e.message());
                });
            }
        });
    }
}
