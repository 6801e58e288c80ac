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

import java.io.ByteArrayInputStream;
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
            int before = builder.getErrors().size();
            builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)).setSourcePath(source.path()), ResourceType.DRL);
            // KnowledgeBuilder accumulates errors; take only the ones this file added.
            List<KnowledgeBuilderError> errors = new ArrayList<>(builder.getErrors());
            for (KnowledgeBuilderError error : errors.subList(before, errors.size())) {
                int[] lines = error.getLines();
                Integer line = lines != null && lines.length > 0 && lines[0] > 0 ? lines[0] : null;
                problems.add(new RuleProblem(source.path(), line, error.getMessage().strip()));
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(name, problems);
        }
        String version = versionId != null ? versionId : name + "@" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        boolean tuned = CompiledRuleSet.tuned();
        KieBaseConfiguration configuration = KieServices.get().newKieBaseConfiguration();
        if (tuned) {
            configuration.setOption(KieBaseMutabilityOption.DISABLED);
        }
        return new CompiledRuleSet(name, version, ((KnowledgeBuilderImpl) builder).newKnowledgeBase(configuration), tuned, sources);
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
