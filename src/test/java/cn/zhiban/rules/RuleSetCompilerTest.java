package cn.zhiban.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleSetCompilerTest {
    private static final Path ACCEPTANCE = Path.of("rules/acceptance");

    private static void copyAcceptance(Path to) throws IOException {
        try (var files = Files.list(ACCEPTANCE)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void acceptanceRulesCompileToAStableVersion() {
        CompiledRuleSet first = RuleSetCompiler.compile("acceptance", ACCEPTANCE);
        assertTrue(first.ruleCount() > 50, "rules: " + first.ruleCount());
        assertTrue(first.version().matches("acceptance@[0-9a-f]{12}"), first.version());
        assertEquals(first.version(), RuleSetCompiler.compile("acceptance", ACCEPTANCE).version());
    }

    @Test
    void versionFollowsContentNotLocation(@TempDir Path dir) throws IOException {
        String original = RuleSetCompiler.compile("acceptance", ACCEPTANCE).version();
        copyAcceptance(dir);
        assertEquals(original, RuleSetCompiler.compile("acceptance", dir).version());

        Path drl = dir.resolve("credit.drl");
        String text = Files.readString(drl);
        String edited = text.replaceFirst("信用档D\"\\)", "信用档C\")");
        assertEquals(text.length(), edited.length());
        assertNotEquals(text, edited);
        Files.writeString(drl, edited);
        assertNotEquals(original, RuleSetCompiler.compile("acceptance", dir).version());
    }

    @Test
    void drlSyntaxErrorIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.drl"), """
                package test;
                rule "BROKEN"
                when
                    String( length > )
                then
                end
                """);
        RuleCompilationException e = assertThrows(RuleCompilationException.class, () -> RuleSetCompiler.compile("test", dir));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().equals("broken.drl") && Integer.valueOf(4).equals(p.line())),
                e.problems().toString());
    }

    @Test
    void brokenDecisionTableIsReportedWithItsFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ok.drl"), "package test;\nrule \"OK\" when then end\n");
        Files.writeString(dir.resolve("broken.drl.csv"), """
                RuleSet,test
                RuleTable Broken
                NAME,CONDITION,ACTION
                ,String,
                ,"length == $param","System.out.println($param);"
                名称,长度,动作
                R1,three,"
                """, StandardCharsets.UTF_8);
        RuleCompilationException e = assertThrows(RuleCompilationException.class, () -> RuleSetCompiler.compile("test", dir));
        assertEquals(List.of("broken.drl.csv"), e.problems().stream().map(RuleProblem::file).distinct().toList());
    }

    @Test
    void emptyFolderIsAnError(@TempDir Path dir) {
        RuleCompilationException e = assertThrows(RuleCompilationException.class, () -> RuleSetCompiler.compile("empty", dir));
        assertEquals(List.of(new RuleProblem(dir.toString(), null, "no .drl or .drl.csv files")), e.problems());
    }

    @Test
    void decisionTableTranslatesToNamedRules() throws IOException {
        String drl = RuleSetCompiler.decisionTableToDrl(Files.readAllBytes(ACCEPTANCE.resolve("band-reliefs.drl.csv")));
        assertNotNull(drl);
        assertTrue(drl.contains("rule \"ACC-BAND-C-MATERIAL\""), drl);
    }
}
