package cn.zhiban.rulesets;

import cn.zhiban.policydata.Csv;
import cn.zhiban.rules.CompiledRuleSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks on rule text that the compiler does not make: rules may use only the fact model and the
 * helpers the service provides; every explaining rule cites its source in Chinese; decision-table
 * rows do not overlap (and gaps are reported).
 */
final class SourceChecks {
    private static final Set<String> ALLOWED_IMPORTS = Set.of("cn.zhiban.acceptance.facts.", "cn.zhiban.matching.facts.",
            "cn.zhiban.rules.Citation", "java.util.", "java.time.", "java.math.");
    private static final Set<String> ALLOWED_GLOBALS = Set.of("cn.zhiban.catalogue.WorkingDays");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(System|Runtime|Thread|ThreadGroup|ProcessBuilder|Process|ClassLoader|Class\\s*\\.\\s*forName|Files|Paths|FileInputStream|FileOutputStream"
                    + "|Socket|URL|HttpClient|Executors|Unsafe|Method|Field|Constructor)\\b|getClass\\s*\\(|\\bjava\\.(io|nio|net|lang\\.reflect|lang\\.invoke)\\b"
                    + "|\\bsynchronized\\b|\\bnew\\s+Thread\\b");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:function\\s+|static\\s+)?([\\w.*]+)\\s*;?", Pattern.MULTILINE);
    private static final Pattern GLOBAL = Pattern.compile("^\\s*global\\s+([\\w.]+)\\s+\\w+", Pattern.MULTILINE);
    private static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");

    private SourceChecks() {
    }

    /** Forbidden constructs, imports and globals in DRL text; string literals and comments are not code. */
    static void forbidden(String file, String drl, List<ValidationReport.Problem> out) {
        String code = stripLiteralsAndComments(drl);
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = FORBIDDEN.matcher(lines[i]);
            if (m.find()) {
                out.add(new ValidationReport.Problem("FORBIDDEN", file, i + 1, "不允许在规则中使用 " + m.group().strip()
                        + ":规则只能使用事实模型和服务提供的辅助函数(不得使用 System、反射、I/O、线程)"));
            }
        }
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            String imported = imports.group(1);
            if (ALLOWED_IMPORTS.stream().noneMatch(imported::startsWith)) {
                out.add(new ValidationReport.Problem("FORBIDDEN", file, lineOf(code, imports.start()), "不允许导入 " + imported + ",可导入 " + ALLOWED_IMPORTS));
            }
        }
        Matcher globals = GLOBAL.matcher(code);
        while (globals.find()) {
            if (!ALLOWED_GLOBALS.contains(globals.group(1))) {
                out.add(new ValidationReport.Problem("FORBIDDEN", file, lineOf(code, globals.start()), "不允许的全局变量类型 " + globals.group(1)));
            }
        }
    }

    /** Every rule that carries any of @id / @message / @source carries all three, and the message is Chinese. */
    static void citations(CompiledRuleSet compiled, List<ValidationReport.Problem> out) {
        for (CompiledRuleSet.RuleInfo rule : compiled.rules()) {
            Map<String, Object> meta = rule.metadata();
            boolean cites = meta.containsKey("id") || meta.containsKey("message") || meta.containsKey("source");
            if (!cites) {
                continue;
            }
            if (!meta.containsKey("id") || !meta.containsKey("message") || !meta.containsKey("source")
                    || String.valueOf(meta.get("source")).replace("\"", "").isBlank()) {
                out.add(new ValidationReport.Problem("CITATION", rule.file(), null, "规则 " + rule.name() + " 须同时有 @id、@message 与 @source(法律依据)"));
            } else if (!CJK.matcher(String.valueOf(meta.get("message"))).find()) {
                out.add(new ValidationReport.Problem("CITATION", rule.file(), null, "规则 " + rule.name() + " 的 @message 应为中文说明"));
            }
        }
    }

    /**
     * Decision tables: rows with the same conditions overlap (an error); for tables whose conditions
     * are all equalities, combinations of seen values that no row covers are gaps (a warning). Cells in
     * columns labelled 说明 or 依据 must not be empty.
     */
    static void decisionTable(String file, String csv, List<ValidationReport.Problem> errors, List<ValidationReport.Problem> warnings) {
        String[] lines = csv.split("\r?\n", -1);
        int header = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("NAME,") || lines[i].startsWith("CONDITION,")) {
                header = i;
                break;
            }
        }
        if (header < 0 || header + 3 >= lines.length) {
            return;
        }
        List<String> kinds = Csv.split(lines[header]);
        List<String> snippets = Csv.split(lines[header + 2]);
        List<String> labels = Csv.split(lines[header + 3]);
        List<Integer> conditions = new ArrayList<>();
        for (int c = 0; c < kinds.size(); c++) {
            if (kinds.get(c).strip().equals("CONDITION")) {
                conditions.add(c);
            }
        }
        Map<List<String>, Integer> seen = new HashMap<>();
        List<Set<String>> values = new ArrayList<>();
        conditions.forEach(c -> values.add(new TreeSet<>()));
        for (int i = header + 4; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                break;
            }
            List<String> cells = Csv.split(lines[i]);
            List<String> key = new ArrayList<>();
            for (int k = 0; k < conditions.size(); k++) {
                String cell = conditions.get(k) < cells.size() ? cells.get(conditions.get(k)).strip() : "";
                key.add(cell);
                values.get(k).add(cell);
            }
            Integer previous = seen.putIfAbsent(key, i + 1);
            if (previous != null) {
                errors.add(new ValidationReport.Problem("TABLE_OVERLAP", file, i + 1, "与第 " + previous + " 行的条件完全相同 " + key + ",两行会同时命中"));
            }
            for (int c = 0; c < labels.size() && c < cells.size(); c++) {
                String label = labels.get(c);
                if ((label.contains("说明") || label.contains("依据")) && cells.get(c).isBlank()) {
                    errors.add(new ValidationReport.Problem("CITATION", file, i + 1, "“" + label + "”列不能为空"));
                }
            }
        }
        boolean equalities = conditions.stream().allMatch(c -> c < snippets.size() && snippets.get(c).matches(".*==\\s*\"\\$param\".*"));
        if (equalities && conditions.size() >= 2) {
            Set<List<String>> missing = new LinkedHashSet<>();
            product(values, 0, new ArrayList<>(), seen.keySet(), missing);
            if (!missing.isEmpty()) {
                warnings.add(new ValidationReport.Problem("TABLE_GAP", file, null, "以下条件组合没有对应的行:" + missing.stream().limit(20).toList()));
            }
        }
    }

    /** The literal check over every RuleTable of a CSV (the overlap check above reads the first). */
    static void cells(String file, String csv, List<ValidationReport.Problem> errors) {
        String[] lines = csv.split("\r?\n", -1);
        for (int t = 0; t < lines.length; t++) {
            if (!Csv.split(lines[t]).get(0).strip().startsWith("RuleTable") || t + 4 >= lines.length) {
                continue;
            }
            int header = t + 1;
            List<String> kinds = Csv.split(lines[header]).stream().map(k -> kind(k.strip())).toList();
            List<String> snippets = Csv.split(lines[header + 2]);
            List<String> labels = Csv.split(lines[header + 3]);
            for (int i = header + 4; i < lines.length && !lines[i].isBlank() && !Csv.split(lines[i]).get(0).strip().startsWith("RuleTable"); i++) {
                literals(file, i + 1, kinds, snippets, labels, Csv.split(lines[i]), errors);
            }
        }
    }

    /** Drools also takes the one-letter column kinds. */
    private static String kind(String k) {
        return switch (k.toUpperCase(java.util.Locale.ROOT)) {
            case "C" -> "CONDITION";
            case "A" -> "ACTION";
            case "P" -> "PRIORITY";
            case "N" -> "NAME";
            default -> k.toUpperCase(java.util.Locale.ROOT);
        };
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,15}(\\.\\d{1,15})?");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]");

    /**
     * Cells are data: each is substituted into the column's DRL snippet, so a cell that could end its
     * string literal or is not a number where the snippet expects one would become code. Text (codes,
     * Chinese, dates) goes only inside quotes and holds no quote, backslash or control character;
     * an unquoted $param takes a number only; NAME and PRIORITY are a name and an integer.
     */
    private static void literals(String file, int row, List<String> kinds, List<String> snippets, List<String> labels, List<String> cells,
                                 List<ValidationReport.Problem> errors) {
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c).strip();
            String kind = c < kinds.size() ? kinds.get(c).strip() : "";
            if (cell.isEmpty() || kind.isEmpty()) {
                continue;
            }
            String label = c < labels.size() && !labels.get(c).isBlank() ? labels.get(c).strip() : kind;
            String snippet = c < snippets.size() ? snippets.get(c) : "";
            String wrong = null;
            if (cell.contains("\"") || cell.contains("\\") || CONTROL.matcher(cell).find()) {
                wrong = "含有引号、反斜杠或控制字符";
            } else if (kind.equals("PRIORITY") && !cell.matches("-?\\d{1,9}")) {
                wrong = "优先级须为整数";
            } else if ((kind.equals("CONDITION") || kind.equals("ACTION")) && snippet.replace("\"$param\"", "").contains("$param")
                    && !NUMBER.matcher(cell).matches() && !cell.equals("true") && !cell.equals("false")) {
                wrong = "此列的值须为数字";
            }
            if (wrong != null) {
                errors.add(new ValidationReport.Problem("TABLE_CELL", file, row, "决策表第 " + row + " 行第 " + (c + 1) + " 列(" + label + ")的值 "
                        + (cell.length() > 40 ? cell.substring(0, 40) + "…" : cell) + " 不是该列的字面量:" + wrong
                        + "(单元格只能填代码、数字、日期或中文文本,不能写程序)"));
            }
        }
    }

    private static void product(List<Set<String>> values, int at, List<String> current, Set<List<String>> present, Set<List<String>> missing) {
        if (at == values.size()) {
            if (!present.contains(current)) {
                missing.add(List.copyOf(current));
            }
            return;
        }
        for (String v : values.get(at)) {
            current.add(v);
            product(values, at + 1, current, present, missing);
            current.remove(current.size() - 1);
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Blanks string literals and comments, keeping line breaks so line numbers stay right. */
    static String stripLiteralsAndComments(String drl) {
        StringBuilder out = new StringBuilder(drl.length());
        int i = 0;
        while (i < drl.length()) {
            char c = drl.charAt(i);
            if (c == '"') {
                out.append('"');
                i++;
                while (i < drl.length() && drl.charAt(i) != '"') {
                    if (drl.charAt(i) == '\\') {
                        i++;
                    }
                    if (i < drl.length() && drl.charAt(i) == '\n') {
                        out.append('\n');
                    }
                    i++;
                }
                out.append('"');
                i++;
            } else if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '/') {
                while (i < drl.length() && drl.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '*') {
                i += 2;
                while (i + 1 < drl.length() && !(drl.charAt(i) == '*' && drl.charAt(i + 1) == '/')) {
                    if (drl.charAt(i) == '\n') {
                        out.append('\n');
                    }
                    i++;
                }
                i += 2;
            } else if (c == '#') {
                while (i < drl.length() && drl.charAt(i) != '\n') {
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
