package cn.zhiban.rulesets;

import cn.zhiban.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's proof: known ways out of a Java/Drools sandbox, each uploaded through the real endpoint
 * beside the repository's own rules (so the rule tests would run it if it got through). Every one
 * must come back REJECTED naming what it used; payloads that would have run try to create a file
 * under {@value #MARKERS}, which must never appear; the service still decides afterwards, and the
 * honest rules and every policy file still validate.
 */
@QuarkusTest
class HostileRulesCorpusTest {
    static final String MARKERS = "target/hostile-markers";
    static final String MARK = "\"" + MARKERS + "/hit\"";

    /** One upload: which rule set, the file it adds, and what the refusal must name. */
    record Case(String name, String ruleset, String path, String content, String kind, String names) {
    }

    @BeforeAll
    static void noMarkers() throws IOException {
        deleteTree(Path.of(MARKERS));
        Files.createDirectories(Path.of(MARKERS));
    }

    @AfterAll
    static void stillNoMarkers() throws IOException {
        try (Stream<Path> left = Files.list(Path.of(MARKERS))) {
            assertEquals(List.of(), left.toList(), "a hostile payload ran");
        }
    }

    static String acceptanceRule(String imports, String attributes, String when, String then) {
        return "package acceptance;\n\nimport cn.zhiban.acceptance.facts.*;\n" + imports + "\nrule \"HOSTILE\"\n" + attributes
                + "when\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    static String consequence(String then) {
        return acceptanceRule("", "", "Application()", then);
    }

    static String constraint(String when) {
        return acceptanceRule("", "", when, "insert(new AcceptanceMode(\"STANDARD\"));");
    }

    static String function(String function, String then) {
        return "package acceptance;\n\nimport cn.zhiban.acceptance.facts.*;\n\n" + function
                + "\n\nrule \"HOSTILE\"\nwhen\n    Application()\nthen\n    " + then + "\nend\n";
    }

    static String policyRule(String when, String then) {
        return "package policies;\n\nimport cn.zhiban.matching.facts.*;\n\nrule \"HOSTILE\"\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    static final String TOUCH = "java.nio.file.Files.createFile(java.nio.file.Path.of(" + MARK + "));";

    static List<Case> corpus() {
        List<Case> c = new ArrayList<>();
        String a = "acceptance";
        String drl = "rules/acceptance/hostile.drl";
        // --- operating system, files, network: reached from a consequence (compiled Java → bytecode check)
        c.add(new Case("Runtime.exec", a, drl, consequence("Runtime.getRuntime().exec(new String[]{\"touch\", " + MARK + "});"), "FORBIDDEN", "java.lang.Runtime"));
        c.add(new Case("ProcessBuilder", a, drl, consequence("new ProcessBuilder(\"touch\", " + MARK + ").start();"), "FORBIDDEN", "java.lang.ProcessBuilder"));
        c.add(new Case("ProcessHandle", a, drl, consequence("ProcessHandle.current().parent().ifPresent(p -> p.destroy());"), "FORBIDDEN", "ProcessHandle"));
        c.add(new Case("java.nio.file.Files", a, drl, consequence(TOUCH), "FORBIDDEN", "java.nio.file"));
        c.add(new Case("java.io.FileOutputStream", a, drl, consequence("new java.io.FileOutputStream(" + MARK + ").close();"), "FORBIDDEN", "java.io.FileOutputStream"));
        c.add(new Case("network socket", a, drl, consequence("new java.net.Socket(\"127.0.0.1\", 22).close();"), "FORBIDDEN", "java.net.Socket"));
        c.add(new Case("JNDI lookup", a, drl, consequence("new javax.naming.InitialContext().lookup(\"ldap://127.0.0.1/x\");"), "FORBIDDEN", "javax.naming"));
        c.add(new Case("System.exit", a, drl, consequence("System.exit(0);"), "FORBIDDEN", "java.lang.System"));
        c.add(new Case("System.setProperty", a, drl, consequence("System.setProperty(\"user.dir\", \"/\");"), "FORBIDDEN", "java.lang.System"));
        c.add(new Case("System.out field", a, drl, consequence("System.out.println(\"x\");"), "FORBIDDEN", "java.lang.System.out"));
        // --- reflection, method handles, class loading, script engines
        c.add(new Case("getClass().getClassLoader()", a, drl, consequence(
                "Object r = \"x\".getClass().getClassLoader().loadClass(\"java.lang.Runtime\");"), "FORBIDDEN", "getClass"));
        c.add(new Case("Class.forName + invoke", a, drl, consequence(
                "Object r = Class.forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null);"), "FORBIDDEN", "java.lang.Class"));
        c.add(new Case("class literal", a, drl, consequence("Object k = String.class; insert(k);"), "FORBIDDEN", "String.class"));
        c.add(new Case("drools.getRule().getClass()", a, drl, consequence("Object l = drools.getRule().getClass().getClassLoader();"), "FORBIDDEN", "getClass"));
        c.add(new Case("drools.getKieRuntime()", a, drl, consequence("drools.getKieRuntime().getKieBase();"), "FORBIDDEN", "getKieRuntime"));
        c.add(new Case("method handles", a, drl, consequence(
                "java.lang.invoke.MethodHandles.lookup().findStatic(System.class, \"exit\", java.lang.invoke.MethodType.methodType(void.class, int.class));"),
                "FORBIDDEN", "java.lang.invoke"));
        c.add(new Case("script engine", a, drl, consequence(
                "new javax.script.ScriptEngineManager().getEngineByName(\"js\").eval(\"1\");"), "FORBIDDEN", "javax.script"));
        c.add(new Case("thread context class loader", a, drl, consequence("Thread.currentThread().getContextClassLoader();"), "FORBIDDEN", "java.lang.Thread"));
        c.add(new Case("serialisation", a, drl, consequence(
                "new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(new byte[0])).readObject();"), "FORBIDDEN", "java.io.ObjectInputStream"));
        // --- threads
        c.add(new Case("new Thread", a, drl, consequence("new Thread(() -> {}).start();"), "FORBIDDEN", "java.lang.Thread"));
        c.add(new Case("executor", a, drl, consequence("java.util.concurrent.Executors.newSingleThreadExecutor();"), "FORBIDDEN", "java.util.concurrent.Executors"));
        c.add(new Case("java.util.Timer", a, drl, consequence("new java.util.Timer();"), "FORBIDDEN", "java.util.Timer"));
        c.add(new Case("lambda", a, drl, consequence("java.util.function.Supplier<String> s = () -> \"x\"; s.get();"), "FORBIDDEN", "invokedynamic"));
        c.add(new Case("anonymous class", a, drl, consequence("Object o = new Object() { public String toString() { try { " + TOUCH + " } catch (Exception e) { } return \"\"; } }; o.toString();"),
                "FORBIDDEN", "java.nio.file"));
        c.add(new Case("synchronized", a, drl, consequence("synchronized (\"lock\") { insert(new AcceptanceMode(\"STANDARD\")); }"), "FORBIDDEN", "synchronized"));
        // --- source tricks: unicode escapes, leaving the consequence's method
        c.add(new Case("unicode-escaped Runtime", a, drl, consequence("\\u0052untime.getRuntime().exec(\"touch \" + " + MARK + ");"), "FORBIDDEN", "Unicode"));
        c.add(new Case("unicode-escaped quote in a string", a, drl, consequence(
                "String s = \"\\u0022; Runtime.getRuntime().exec(\\u0022touch x\\u0022); String t = \\u0022\";"), "FORBIDDEN", "Unicode"));
        c.add(new Case("static initialiser injected into the consequence class", a, drl, consequence(
                "} static { try { " + TOUCH + " } catch (Exception e) { } } public void x() {"), "FORBIDDEN", "多余的 }"));
        c.add(new Case("static initialiser hidden after a CR-ended comment", a, drl, consequence(
                "// a comment that ends at a carriage return\r} static { System.exit(4); } public void y() {\n"), "COMPILE", "mismatched input"));
        c.add(new Case("unicode escape in a constraint", a, drl, constraint("Application(\\u0061pplicationDate != null)"), "COMPILE", "'\\'"));
        // --- endless loops, recursion, huge allocations
        c.add(new Case("while(true)", a, drl, consequence("while (true) { }"), "FORBIDDEN", "循环"));
        c.add(new Case("growing list loop", a, drl, consequence(
                "java.util.List<String> l = new java.util.ArrayList<>(); for (int i = 0; i >= 0; i++) { l.add(\"x\"); }"), "FORBIDDEN", "循环"));
        c.add(new Case("huge array", a, drl, consequence("long[] big = new long[Integer.MAX_VALUE - 8];"), "FORBIDDEN", "数组分配"));
        c.add(new Case("String.repeat", a, drl, consequence("String s = \"x\".repeat(Integer.MAX_VALUE);"), "FORBIDDEN", "repeat"));
        c.add(new Case("Collections.nCopies", a, drl, consequence(
                "java.util.List<String> l = new java.util.ArrayList<>(java.util.Collections.nCopies(Integer.MAX_VALUE, \"x\"));"), "FORBIDDEN", "nCopies"));
        c.add(new Case("StringBuilder capacity", a, drl, consequence("StringBuilder b = new StringBuilder(Integer.MAX_VALUE);"), "FORBIDDEN", "StringBuilder.<init>"));
        c.add(new Case("BigInteger.pow", a, drl, consequence("java.math.BigInteger.TEN.pow(Integer.MAX_VALUE);"), "FORBIDDEN", "pow"));
        // --- DRL functions
        c.add(new Case("function with Runtime.exec", a, drl, function(
                "function void run() { try { Runtime.getRuntime().exec(\"touch \" + " + MARK + "); } catch (Exception e) { } }", "run();"),
                "FORBIDDEN", "java.lang.Runtime"));
        c.add(new Case("function recursion", a, drl, function("function int down(int n) { return down(n + 1); }", "down(0);"), "FORBIDDEN", "递归"));
        c.add(new Case("mutual recursion", a, drl, function(
                "function int ping(int n) { return pong(n); }\nfunction int pong(int n) { return ping(n); }", "ping(0);"), "FORBIDDEN", "递归"));
        c.add(new Case("function endless loop", a, drl, function("function void spin() { for (;;) { } }", "spin();"), "FORBIDDEN", "循环"));
        c.add(new Case("function with a static initialiser", a, drl, function(
                "function void f() { } static { System.exit(3); } static void g() { }", "f();"), "COMPILE", "'static'"));
        c.add(new Case("function with side effect called from a constraint", a, drl, "package acceptance;\n\nimport cn.zhiban.acceptance.facts.*;\n\n"
                + "function boolean leak() { System.setProperty(\"zhiban.hostile\", \"1\"); return true; }\n\n"
                + "rule \"HOSTILE\"\nwhen\n    Application(leak())\nthen\nend\n", "FORBIDDEN", "java.lang.System"));
        // --- MVEL-interpreted places: constraints, bindings, from, accumulate, salience, enabled, annotations
        c.add(new Case("constraint getClass().getClassLoader()", a, drl, constraint("Application(this.getClass().getClassLoader() != null)"), "FORBIDDEN", "getClass"));
        c.add(new Case("constraint Class.forName/getMethod/invoke", a, drl, constraint(
                "Application(Class.forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null) != null)"), "FORBIDDEN", "Class"));
        c.add(new Case("constraint System.exit", a, drl, constraint("Application(java.lang.System.exit(0) == null)"), "FORBIDDEN", "java.lang.System"));
        c.add(new Case("constraint new File", a, drl, constraint("Application(new java.io.File(" + MARK + ").createNewFile())"), "FORBIDDEN", "new"));
        c.add(new Case("constraint .class property", a, drl, constraint("Application(applicationDate.class.classLoader != null)"), "FORBIDDEN", "class"));
        c.add(new Case("constraint assignment", a, drl, constraint("Application(applicationDate = null)"), "COMPILE", "'='"));
        c.add(new Case("assignment inside parentheses", a, drl, constraint("Application((applicationDate = null) == null)"), "FORBIDDEN", "赋值"));
        c.add(new Case("inline eval in a constraint", a, drl, constraint("Application($d: applicationDate, eval($d.getClass() != null))"), "FORBIDDEN", "方法 eval"));
        c.add(new Case("constraint with a statement block", a, drl, constraint("Application(applicationDate != null; java.lang.Runtime.getRuntime())"), "FORBIDDEN", "java.lang.Runtime"));
        c.add(new Case("binding with getClass", a, drl, constraint("Application($k: applicationDate.getClass())"), "FORBIDDEN", "getClass"));
        c.add(new Case("eval calling Runtime", a, drl, constraint("eval(Runtime.getRuntime().exec(\"touch x\") != null)"), "FORBIDDEN", "Runtime"));
        c.add(new Case("from a dangerous expression", a, drl, constraint("$s: String() from java.lang.System.getProperty(\"user.home\")"), "FORBIDDEN", "java.lang.System"));
        c.add(new Case("accumulate with inline code", a, drl, constraint(
                "$n: Number() from accumulate(Application(), init(int x = 0;) action(" + TOUCH + ") result(x))"), "FORBIDDEN", "内联代码"));
        c.add(new Case("imported accumulate function", a, drl, acceptanceRule("import accumulate java.lang.Runtime exec;", "",
                "Application()", "insert(new AcceptanceMode(\"STANDARD\"));"), "FORBIDDEN", "累加函数"));
        c.add(new Case("salience expression calling code", a, drl, acceptanceRule("", "    salience (java.lang.System.exit(0))\n", "Application()",
                "insert(new AcceptanceMode(\"STANDARD\"));"), "FORBIDDEN", "java.lang.System"));
        c.add(new Case("enabled expression calling code", a, drl, acceptanceRule("", "    enabled (java.lang.Runtime.getRuntime() != null)\n", "Application()",
                "insert(new AcceptanceMode(\"STANDARD\"));"), "FORBIDDEN", "java.lang.Runtime"));
        c.add(new Case("annotation evaluated while building", a, drl, acceptanceRule("", "    @id(java.lang.Runtime.getRuntime().exec(\"touch " + MARKERS + "/hit\"))\n",
                "Application()", "insert(new AcceptanceMode(\"STANDARD\"));"), "FORBIDDEN", "@id"));
        c.add(new Case("query with a dangerous constraint", a, drl, "package acceptance;\n\nimport cn.zhiban.acceptance.facts.*;\n\n"
                + "query \"hostile\"\n    Application(java.lang.System.getenv() != null)\nend\n", "FORBIDDEN", "java.lang.System"));
        // --- dialect, imports, globals, declared types, timers
        c.add(new Case("rule dialect mvel", a, drl, acceptanceRule("", "    dialect \"mvel\"\n", "Application()",
                "java.lang.Runtime.getRuntime().exec(\"touch x\");"), "FORBIDDEN", "mvel"));
        c.add(new Case("package dialect mvel", a, drl, "package acceptance;\n\ndialect \"mvel\"\n\nimport cn.zhiban.acceptance.facts.*;\n\n"
                + "rule \"HOSTILE\"\nwhen\n    Application()\nthen\n    insert(new AcceptanceMode(\"STANDARD\"));\nend\n", "FORBIDDEN", "mvel"));
        c.add(new Case("import of Runtime", a, drl, acceptanceRule("import java.lang.Runtime;", "", "Application()", "Runtime.getRuntime();"),
                "FORBIDDEN", "不允许导入 java.lang.Runtime"));
        c.add(new Case("import function System.exit", a, drl, acceptanceRule("import function java.lang.System.exit;", "", "Application()", "exit(0);"),
                "FORBIDDEN", "导入函数"));
        c.add(new Case("global of a dangerous type", a, drl, acceptanceRule("global java.lang.Runtime runtime;", "", "Application()", "insert(new AcceptanceMode(\"STANDARD\"));"),
                "FORBIDDEN", "java.lang.Runtime"));
        c.add(new Case("declared type with a default value", a, drl, "package acceptance;\n\nimport cn.zhiban.acceptance.facts.*;\n\n"
                + "declare Evil\n    x : Object = (java.lang.Runtime.getRuntime().exec(\"touch x\"))\nend\n\n"
                + "rule \"HOSTILE\"\nwhen\n    Application()\nthen\n    insert(new Evil());\nend\n", "FORBIDDEN", "declare"));
        c.add(new Case("timer attribute", a, drl, acceptanceRule("", "    timer (int: 0s 1s)\n", "Application()", "insert(new AcceptanceMode(\"STANDARD\"));"),
                "FORBIDDEN", "timer"));
        // --- decision tables: cells are data
        String table = "rules/acceptance/credit-bands.drl.csv";
        c.add(new Case("decision-table cell leaving its string", a, table, null, "TABLE_CELL", "第 13 行第 5 列"));
        c.add(new Case("decision-table cell with a unicode-escaped quote", a, table, null, "TABLE_CELL", "第 13 行第 6 列"));
        c.add(new Case("decision-table code cell in a second table", a, "rules/acceptance/band-reliefs.drl.csv", null, "TABLE_CELL", "列(方式)"));
        c.add(new Case("decision-table numeric cell with code", "policies", "rules/enterprise/size-classes.drl.csv", null, "TABLE_CELL", "第 13 行第 4 列"));
        // --- the policies rule set: same checks
        c.add(new Case("policy rule consequence writing a file", "policies", "rules/policies/hostile.drl", policyRule("Profile()", TOUCH), "FORBIDDEN", "java.nio.file"));
        c.add(new Case("policy rule constraint reaching reflection", "policies", "rules/policies/hostile.drl",
                policyRule("Profile(uscc.getClass().forName(\"java.lang.Runtime\") != null)", ""), "FORBIDDEN", "getClass"));
        return c;
    }

    /** The decision-table cases edit a shipped table; the rest add a file. */
    static Map<String, String> filesFor(Case hostile) {
        RuleSetKind kind = RuleSetKind.of(hostile.ruleset());
        Map<String, String> files = new TreeMap<>(RuleSetLifecycleTest.repository(kind));
        if (hostile.content() != null) {
            files.put(hostile.path(), hostile.content());
            return files;
        }
        String table = files.get(hostile.path());
        String edited = switch (hostile.name()) {
            // row 13 of credit-bands: ACC-CREDIT-TAX-C; its 信用档 cell closes the string and calls code
            case "decision-table cell leaving its string" -> table.replace("ACC-CREDIT-TAX-C,100,TAX,C,C,",
                    "ACC-CREDIT-TAX-C,100,TAX,C,\"C\"\", drools.getRule().getName()); java.lang.Runtime.getRuntime().exec(\"\"touch x\"\"); insert(new BandFinding(\"\"x\"\", \"\"y\"\", \"\"C\",");
            case "decision-table cell with a unicode-escaped quote" -> table.replace("ACC-CREDIT-TAX-C,100,TAX,C,C,纳税信用C级",
                    "ACC-CREDIT-TAX-C,100,TAX,C,C,\\u0022); java.lang.System.exit(0); finding.setMessage(\\u0022");
            // row 13 of size-classes: SIZE-INDUSTRY-MICRO-STAFF; 从业人员≥ is numeric
            case "decision-table numeric cell with code" -> table.replace("SIZE-INDUSTRY-MICRO-STAFF,100,INDUSTRY,,",
                    "SIZE-INDUSTRY-MICRO-STAFF,100,INDUSTRY,0 || java.lang.System.exit(0) == null,");
            // A second RuleTable in the same file: every table's cells are data, not only the first's.
            case "decision-table code cell in a second table" -> table + String.join("\n", "", "RuleTable Extra",
                    "NAME,CONDITION,ACTION",
                    ",CreditBand,",
                    ",\"band == \"\"$param\"\"\",\"insert(new AcceptanceMode(\"\"$param\"\"));\"",
                    "编号,信用档,方式",
                    "ACC-EXTRA-1,Z,\"STANDARD\"\")); java.lang.System.exit(0); ((\"\"x\"", "");
            default -> throw new IllegalArgumentException(hostile.name());
        };
        assertFalse(edited.equals(table), hostile.name() + ": the table edit did not apply");
        files.put(hostile.path(), edited);
        return files;
    }

    @Test
    void everyHostileUploadIsRejectedNamingWhatItUsed() {
        List<Case> corpus = corpus();
        assertTrue(corpus.size() >= 40, "corpus of " + corpus.size());
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Case hostile : corpus) {
            JsonPath version = RuleSetLifecycleTest.upload(hostile.ruleset(), filesFor(hostile), 201);
            List<Map<String, Object>> errors = version.getList("report.errors");
            // The word-list text check (SourceChecks) answers many of these first; the allow-list must refuse each one by itself.
            boolean named = errors.stream().filter(e -> !textCheck(String.valueOf(e.get("message"))))
                    .anyMatch(e -> hostile.kind().equals(e.get("kind")) && String.valueOf(e.get("message")).contains(hostile.names()));
            if (!"REJECTED".equals(version.getString("status")) || !named) {
                wrong.put(hostile.name(), version.getString("status") + " " + errors);
            }
            // No rule test ran: a refused version reports none.
            if (version.getInt("report.tests.total") != 0) {
                wrong.put(hostile.name() + " (tests ran)", String.valueOf(version.getInt("report.tests.total")));
            }
            // Neither activation nor simulation takes a refused version.
            given().post("/api/v1/rulesets/{name}/versions/{n}/activation", hostile.ruleset(), version.getInt("number")).then().statusCode(409);
            given().contentType("application/json").body(Map.of("asOf", "2026-06-01", "days", 30))
                    .post("/api/v1/rulesets/{name}/versions/{n}/simulations", hostile.ruleset(), version.getInt("number")).then().statusCode(409);
        }
        assertEquals(Map.of(), wrong);
    }

    /**
     * A rule that deletes and re-inserts its own fact re-fires forever using only allowed calls: no
     * static check can refuse it. The firing limit (bounded evaluation) stops it during the rule tests.
     */
    @Test
    void endlessReFiringIsRejectedByTheFiringLimit() {
        Case refire = new Case("endless re-firing", "acceptance", "rules/acceptance/hostile.drl", acceptanceRule("", "", "$r: Relief(code == \"MATERIAL_PLEDGE\")",
                "delete($r); insert(new Relief(\"MATERIAL_PLEDGE\"));"), "", "");
        JsonPath version = RuleSetLifecycleTest.upload("acceptance", filesFor(refire), 201);
        assertEquals("REJECTED", version.getString("status"));
        assertTrue(version.getString("report.errors").contains("HOSTILE"), version.getString("report.errors"));
    }

    @Test
    void theServiceStillDecidesAndHonestRulesStillValidate() throws IOException {
        Api.decide("WJ-GGCS-002", Api.applicant("A", "A"), "2026-06-01", List.of("M01", "M02", "M03", "M04"), List.of(), false)
                .statusCode(201).body("mode", notNullValue());
        long policyFiles;
        try (Stream<Path> files = Files.list(Path.of("policy-data/policies"))) {
            policyFiles = files.filter(p -> p.toString().endsWith(".yaml")).count();
        }
        for (RuleSetKind kind : RuleSetKind.values()) {
            Map<String, String> files = RuleSetLifecycleTest.repository(kind);
            if (kind == RuleSetKind.POLICIES) {
                assertEquals(policyFiles, files.keySet().stream().filter(p -> p.startsWith("policy-data/policies/")).count());
            }
            // A comment makes it a new version, so it is validated now rather than found by its hash.
            String first = files.keySet().stream().filter(p -> p.endsWith(".drl")).findFirst().orElseThrow();
            files.put(first, files.get(first) + "\n// HostileRulesCorpusTest: honest files still validate\n");
            JsonPath version = RuleSetLifecycleTest.upload(kind.id, files, 201);
            assertEquals("VALIDATED", version.getString("status"), kind.id + ": " + version.getString("report.errors"));
            assertTrue(version.getInt("report.tests.total") > 0);
        }
    }

    /** Messages of the early, friendly word-list check, which is not what this test proves. */
    static boolean textCheck(String message) {
        return message.startsWith("不允许在规则中使用 ") || message.matches("不允许导入 \\S+,可导入.*") || message.matches("不允许的全局变量类型 \\S+");
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
