package cn.zhiban.rulesets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

public class HostileCorpusAccess {
    public static void dump() {
        for (HostileRulesCorpusTest.Case c : HostileRulesCorpusTest.corpus()) {
            Map<String, String> texts = HostileRulesCorpusTest.filesFor(c);
            Map<String, byte[]> files = new TreeMap<>();
            texts.forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
            var r = Validator.validate(RuleSetKind.of(c.ruleset()), new VersionFiles(files), "x@" + c.name().hashCode(), Path.of("policy-data"));
            boolean named = r.report().errors().stream().filter(e -> !HostileRulesCorpusTest.textCheck(e.message())).anyMatch(e -> c.kind().equals(e.kind()) && e.message().contains(c.names()));
            System.out.println("CORPUS " + (named && !r.report().valid() ? "OK   " : "WRONG") + " " + c.name() + " :: " + r.report().valid() + " tests=" + r.report().tests().total() + " "
                    + r.report().errors().stream().filter(e -> !HostileRulesCorpusTest.textCheck(e.message())).map(e -> e.kind() + ":" + e.line() + ":" + e.message()).limit(3).toList());
        }
    }
}
