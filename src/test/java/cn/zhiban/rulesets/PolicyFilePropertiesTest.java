package cn.zhiban.rulesets;

import cn.zhiban.matching.Matcher;
import cn.zhiban.matching.Policies;
import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.matching.RandomProfiles;
import cn.zhiban.matching.ScreeningCompiler;
import cn.zhiban.policydata.PolicyDataFiles;
import cn.zhiban.rules.CompiledRuleSet;
import cn.zhiban.rules.RuleSetCompiler;
import cn.zhiban.rules.RuleSource;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
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
 * problems naming the file and the field, or accepted with its generated rules. Nothing throws, and the
 * validator's catch-all ("无法检查此文件", its checker crashing) counts as a failure, not a refusal.
 * Whatever is accepted is compiled in both forms (explaining and screening) beside the hand-written
 * rules and run against generated profiles, as activation and a run would: acceptance must mean it works.
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
    /** The hand-written rules every policy version compiles beside its generated files. */
    private static final List<RuleSource> HAND_WRITTEN = Policies.sources(Path.of("rules"), Path.of("policy-data/policies"), Map.of());
    /** Seeded profiles, some fields unknown, values near the shipped policies' thresholds. */
    private static final List<Matcher.Subject> SUBJECTS = RandomProfiles.subjects(new SplittableRandom(20261123), 12);
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
        List<ObjectNode> accepted = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        qt().withExamples(1000).forAll(brokenPolicies()).checkAssert(tree -> {
            String path = pathOf(tree);
            List<ValidationReport.Problem> errors = new ArrayList<>();
            Validator.PolicyFile file = check(path, tree, errors);
            if (file != null) {
                assertEquals(List.of(), errors);
                assertTrue(new String(file.rules().content(), StandardCharsets.UTF_8).contains("@policy(\"" + file.definition().id() + "\")"), tree::toString);
                accepted.add((ObjectNode) tree.deepCopy());
            } else {
                assertFalse(errors.isEmpty(), tree::toString);
                errors.forEach(e -> {
                    assertEquals(path, e.file());
                    assertTrue(e.message().startsWith(path + ": "), e.message());
                    String rest = e.message().substring(path.length() + 2);
                    // the catch-all means the checker crashed: a bug to fix, not a way to refuse a file
                    assertFalse(rest.contains("无法检查此文件"), () -> "checker crashed on " + tree + ": " + e.message());
                    assertTrue(FIELD.matcher(rest).matches(), e.message());
                });
                refused.incrementAndGet();
            }
        });
        // both branches must really be exercised, or the property says nothing about one of them
        assertTrue(accepted.size() > 20, "accepted: " + accepted.size());
        assertTrue(refused.get() > 20, "refused: " + refused);
        compileAndRunAll(accepted);
    }

    private static String pathOf(JsonNode tree) {
        return "policy-data/policies/" + (tree.path("id").isTextual() ? tree.get("id").asText() : "X") + ".yaml";
    }

    private static Validator.PolicyFile check(String path, JsonNode tree, List<ValidationReport.Problem> errors) {
        try {
            return Validator.policyFile(path, YAML.writeValueAsBytes(tree), errors);
        } catch (Exception | StackOverflowError e) {
            fail(tree + " threw " + e, e);
            return null;
        }
    }

    /**
     * Every accepted file, as activation and a run would use it: the explaining form compiled beside the
     * hand-written rules and matched against profiles on the day it takes effect, the screening form
     * compiled and screened. One Drools build for all (each under its own id; one build per file would
     * take minutes), then file by file only if that fails, to name the file.
     */
    private static void compileAndRunAll(List<ObjectNode> accepted) {
        List<Validator.PolicyFile> files = new ArrayList<>();
        List<JsonNode> trees = new ArrayList<>();
        for (ObjectNode tree : accepted) {
            tree.put("id", "PROP-" + files.size());   // ids must be distinct within one rule set; the file is otherwise as accepted
            List<ValidationReport.Problem> errors = new ArrayList<>();
            Validator.PolicyFile file = check(pathOf(tree), tree, errors);
            assertEquals(List.of(), errors, tree::toString);
            files.add(file);
            trees.add(tree);
        }
        try {
            compileAndRun(files);
        } catch (RuntimeException | StackOverflowError | AssertionError together) {
            for (int i = 0; i < files.size(); i++) {
                try {
                    compileAndRun(List.of(files.get(i)));
                } catch (RuntimeException | StackOverflowError | AssertionError e) {
                    fail("accepted, but does not compile or run: " + trees.get(i) + " threw " + e, e);
                }
            }
            fail("accepted files compile and run one by one but not together", together);
        }
    }

    private static void compileAndRun(List<Validator.PolicyFile> files) {
        List<RuleSource> sources = new ArrayList<>(HAND_WRITTEN);
        Map<String, PolicyDefinition> definitions = new java.util.LinkedHashMap<>();
        files.forEach(f -> {
            sources.add(f.rules());
            definitions.put(f.definition().id(), f.definition());
        });
        CompiledRuleSet explaining = RuleSetCompiler.compile(Policies.RULE_SET, sources, "prop");
        Policies.Active active = new Policies.Active(definitions, explaining);
        java.util.Set<LocalDate> days = new java.util.TreeSet<>();
        definitions.values().forEach(p -> days.add(p.effectiveFrom()));   // each policy in force on at least one of them
        int evaluated = 0;
        for (LocalDate asOf : days) {
            List<PolicyDefinition> inForce = active.inForce(asOf, null);
            evaluated += inForce.size();
            assertEquals(SUBJECTS.size(), Matcher.match(active, SUBJECTS, asOf, null).size(), "matched as of " + asOf);
            active.screening(inForce).screen(SUBJECTS, asOf, (policy, candidate, amount) -> assertTrue(amount.signum() >= 0, "amount " + amount));
        }
        assertTrue(evaluated >= files.size(), "every file evaluated at least once");
        // the screening form of all of them at once, as ScreeningCompiler emits it for a simulation of the whole version
        RuleSetCompiler.compile("screening", List.of(ScreeningCompiler.toRules(List.copyOf(definitions.values()))), "prop/screening");
    }
}
