package cn.zhiban.rules;

import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import org.drools.compiler.compiler.PackageRegistry;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.kie.api.io.Resource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Compiles one rule-set folder (DRL files and CSV decision tables) into a {@link CompiledRuleSet}.
 * Uses a private KnowledgeBuilder per build: no global KieRepository, so builds never race.
 */
public final class RuleSetCompiler {
    private static final String DRL = ".drl";
    private static final String DECISION_TABLE_CSV = ".drl.csv";

    private RuleSetCompiler() {
    }

    /** Compiles every .drl and .drl.csv file under {@code folder}. */
    public static CompiledRuleSet compile(String name, Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new RuleCompilationException(name, List.of(new RuleProblem(folder.toString(), null, "rule folder not found")));
        }
        List<RuleSource> sources = RuleSource.folder(folder, "");
        if (sources.isEmpty()) {
            throw new RuleCompilationException(name, List.of(new RuleProblem(folder.toString(), null, "no .drl or .drl.csv files")));
        }
        return compile(name, sources);
    }

    public static CompiledRuleSet compile(String name, List<RuleSource> sources) {
        return compile(name, sources, null);
    }

    /** Compiles with an explicit version id (the stored version's), or a hash of the sources when null. */
    public static CompiledRuleSet compile(String name, List<RuleSource> sources, String versionId) {
        if (sources.isEmpty()) {
            throw new RuleCompilationException(name, List.of(new RuleProblem(name, null, "no .drl or .drl.csv files")));
        }
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, RuleSetCompiler.class.getClassLoader()));
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleProblem> forbidden = new ArrayList<>();
        List<Map.Entry<String, PackageDescr>> parsed = new ArrayList<>();
        MessageDigest digest = sha256();
        for (RuleSource source : sources) {
            digest.update(source.path().getBytes(StandardCharsets.UTF_8));
            digest.update(source.content());
            String drl;
            try {
                drl = source.decisionTable() ? decisionTableToDrl(source.content()) : new String(source.content(), StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                problems.add(new RuleProblem(source.path(), null, "decision table cannot be read: " + e.getMessage()));
                continue;
            }
            Resource resource = ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)).setSourcePath(source.path());
            resource.setResourceType(ResourceType.DRL);
            // Parsed here, checked, and only then built: building already evaluates parts of the text
            // (annotation values, generated classes' initialisers), so the check must come first.
            DrlParser parser = new DrlParser();
            PackageDescr descr;
            try {
                descr = parser.parse(resource);
            } catch (DroolsParserException | IOException e) {
                problems.add(new RuleProblem(source.path(), null, "cannot be parsed: " + e.getMessage()));
                continue;
            }
            if (parser.hasErrors() || descr == null) {
                for (DroolsError error : parser.getErrors()) {
                    int[] lines = error.getLines();
                    Integer line = lines != null && lines.length > 0 && lines[0] > 0 ? lines[0] : null;
                    problems.add(new RuleProblem(source.path(), line, error.getMessage().strip()));
                }
                continue;
            }
            parsed.add(Map.entry(source.path(), descr));
        }
        // Functions are shared by the files of a package (helpers.drl's date() in generated policy rules).
        Map<String, Set<String>> functions = new HashMap<>();
        parsed.forEach(f -> f.getValue().getFunctions().forEach(fn ->
                functions.computeIfAbsent(f.getValue().getName(), k -> new HashSet<>()).add(fn.getName())));
        for (Map.Entry<String, PackageDescr> file : parsed) {
            forbidden.addAll(RuleSandbox.checkSource(file.getKey(), file.getValue(), functions.getOrDefault(file.getValue().getName(), Set.of())));
        }
        if (!forbidden.isEmpty()) {
            throw new ForbiddenRuleException(name, forbidden);
        }
        KnowledgeBuilderImpl impl = (KnowledgeBuilderImpl) builder;
        for (Map.Entry<String, PackageDescr> file : parsed) {
            int before = builder.getErrors().size();
            impl.addPackage(file.getValue());
            // KnowledgeBuilder accumulates errors; take only the ones this file added.
            List<KnowledgeBuilderError> errors = new ArrayList<>(builder.getErrors());
            for (KnowledgeBuilderError error : errors.subList(before, errors.size())) {
                int[] lines = error.getLines();
                Integer line = lines != null && lines.length > 0 && lines[0] > 0 ? lines[0] : null;
                problems.add(new RuleProblem(file.getKey(), line, error.getMessage().strip()));
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(name, problems);
        }
        // Nothing generated has run yet (no session exists): read what javac produced before anything can.
        forbidden.addAll(checkGenerated(impl, parsed, sources.get(0).path()));
        if (!forbidden.isEmpty()) {
            throw new ForbiddenRuleException(name, forbidden);
        }
        String version = versionId != null ? versionId : name + "@" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        boolean tuned = CompiledRuleSet.tuned();
        KieBaseConfiguration configuration = KieServices.get().newKieBaseConfiguration();
        if (tuned) {
            configuration.setOption(KieBaseMutabilityOption.DISABLED);
        }
        return new CompiledRuleSet(name, version, ((KnowledgeBuilderImpl) builder).newKnowledgeBase(configuration), tuned, sources);
    }

    /** The bytecode check over every class the Java dialect compiled, each traced back to its rule or function. */
    private static List<RuleProblem> checkGenerated(KnowledgeBuilderImpl builder, List<Map.Entry<String, PackageDescr>> parsed, String fallback) {
        Map<String, RuleSandbox.Origin> origins = new java.util.TreeMap<>();
        for (Map.Entry<String, PackageDescr> file : parsed) {
            PackageDescr pkg = file.getValue();
            for (RuleDescr rule : pkg.getRules()) {
                if (rule.getClassName() != null) {
                    origins.put(qualified(pkg.getName(), rule.getClassName()),
                            new RuleSandbox.Origin(file.getKey(), rule.getLine() > 0 ? rule.getLine() : null, "规则 " + rule.getName()));
                }
            }
            for (FunctionDescr function : pkg.getFunctions()) {
                if (function.getClassName() != null) {
                    origins.put(qualified(pkg.getName(), function.getClassName()),
                            new RuleSandbox.Origin(file.getKey(), function.getLine() > 0 ? function.getLine() : null, "函数 " + function.getName()));
                }
            }
        }
        Map<String, byte[]> classes = new HashMap<>();
        Map<String, int[]> lines = new HashMap<>();
        for (PackageRegistry registry : builder.getPackageRegistry().values()) {
            registry.getDialectRuntimeRegistry().getLineMappings().forEach((cls, m) -> lines.put(cls, new int[]{m.getStartLine(), m.getOffset()}));
            if (registry.getDialectRuntimeRegistry().getDialectData("java") instanceof JavaDialectRuntimeData java) {
                classes.putAll(java.getStore());
            }
        }
        return RuleSandbox.checkBytecode(classes, origins, fallback, lines);
    }

    private static String qualified(String pkg, String className) {
        return className.contains(".") || pkg == null || pkg.isEmpty() ? className : pkg + "." + className;
    }

    /** The DRL a decision table means; also what staff can read to check their table. */
    public static String decisionTableToDrl(byte[] csvUtf8) {
        // The CSV parser reads with the platform charset; escaping non-ASCII keeps Chinese intact on any locale.
        String csv = new String(csvUtf8, StandardCharsets.UTF_8);
        StringBuilder ascii = new StringBuilder(csv.length());
        csv.chars().forEach(c -> {
            if (c < 128) {
                ascii.append((char) c);
            } else {
                ascii.append(String.format("\\u%04x", c));
            }
        });
        return new SpreadsheetCompiler().compile(new ByteArrayInputStream(ascii.toString().getBytes(StandardCharsets.US_ASCII)), InputType.CSV);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
