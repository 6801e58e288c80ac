package cn.zhiban.rules;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What uploaded rules may run: an allow-list, checked in two places where source-text tricks cannot
 * hide.
 *
 * <ol>
 *   <li><b>Before the build</b> ({@link #checkSource}): on the parsed DRL. Drools evaluates some
 *   parts while building (annotation values with MVEL, generated classes loaded and instantiated,
 *   so their static initialisers run), and pattern constraints, {@code from}, {@code collect},
 *   bindings and {@code salience}/{@code enabled} stay MVEL-interpreted: none of them is inspectable
 *   bytecode. So: only the Java dialect; no declared types, function/accumulate imports, inline
 *   accumulate code, timers; annotation values are literals; MVEL expressions may call only methods
 *   (by name) of allowed types and name only allowed types; Java code bodies (consequences,
 *   functions, eval) must keep their braces balanced (no member injection such as a static
 *   initialiser) and may not use ASCII unicode escapes (Java decodes them before it lexes).</li>
 *   <li><b>After the build, before anything runs</b> ({@link #checkBytecode}): every class javac
 *   produced for consequences, functions and eval is read with ASM; every call, field, {@code new},
 *   class constant and invokedynamic must be on the allow-list; arrays, loops (backward jumps),
 *   monitors and recursion among generated methods are refused.</li>
 * </ol>
 */
public final class RuleSandbox {

    /** Packages whose every class is allowed (internal names, exact package, not sub-packages). */
    private static final Set<String> PACKAGES = Set.of("cn/zhiban/acceptance/facts", "cn/zhiban/matching/facts",
            "java/time", "java/time/format", "java/time/temporal");
    /** Single allowed classes. */
    private static final Set<String> CLASSES = Set.of(
            "cn/zhiban/rules/Citation", "cn/zhiban/catalogue/WorkingDays",
            // where the service's generated screening rules report (a global the service sets)
            "cn/zhiban/matching/ScreeningSink",
            "java/lang/Object", "java/lang/String", "java/lang/StringBuilder", "java/lang/CharSequence", "java/lang/Comparable",
            "java/lang/Integer", "java/lang/Long", "java/lang/Short", "java/lang/Byte", "java/lang/Double", "java/lang/Float",
            "java/lang/Boolean", "java/lang/Character", "java/lang/Number", "java/lang/Math", "java/lang/Enum", "java/lang/Iterable",
            "java/math/BigDecimal", "java/math/BigInteger", "java/math/RoundingMode", "java/math/MathContext",
            "java/util/Collection", "java/util/List", "java/util/ArrayList", "java/util/LinkedList", "java/util/Set", "java/util/HashSet",
            "java/util/LinkedHashSet", "java/util/TreeSet", "java/util/SortedSet", "java/util/Map", "java/util/Map$Entry", "java/util/HashMap",
            "java/util/LinkedHashMap", "java/util/TreeMap", "java/util/SortedMap", "java/util/Iterator", "java/util/Collections",
            "java/util/Objects", "java/util/Optional", "java/util/Deque", "java/util/ArrayDeque", "java/util/Queue");
    /**
     * Members refused even on allowed types: reflection and monitors (Object), unbounded allocation or
     * work from one call (repeat, nCopies, pow, shifts, capacities, format widths), system properties.
     */
    private static final Set<String> DENIED_MEMBERS = Set.of("getClass", "wait", "notify", "notifyAll", "finalize",
            "getDeclaringClass", "describeConstable", "resolveConstantDesc", "repeat", "nCopies", "pow", "shiftLeft", "shiftRight",
            "ensureCapacity", "setLength", "format", "formatted", "getInteger", "getLong", "getBoolean", "intern", "chars", "codePoints",
            "lines", "stream", "parallelStream", "forEach", "removeIf", "replaceAll", "computeIfAbsent", "computeIfPresent", "compute", "merge",
            "setScale", "scaleByPowerOfTen", "movePointRight", "movePointLeft", "toPlainString", "toEngineeringString");
    /**
     * Drools plumbing the generated consequence and eval invokers call (enumerated from what the
     * repository's rules and the policy compiler produce), by exact owner and name.
     */
    private static final Set<String> PLUMBING = Set.of(
            "org/drools/core/rule/consequence/KnowledgeHelper",
            "org/drools/core/rule/consequence/KnowledgeHelper.insert",
            "org/drools/core/rule/consequence/KnowledgeHelper.insertLogical",
            "org/drools/core/rule/consequence/KnowledgeHelper.delete",
            "org/drools/core/rule/consequence/KnowledgeHelper.retract",
            "org/drools/core/rule/consequence/KnowledgeHelper.getRule",
            "org/kie/api/definition/rule/Rule",
            "org/kie/api/definition/rule/Rule.getName",
            "org/kie/api/definition/rule/Rule.getMetaData",
            "org/kie/api/definition/rule/Rule.getPackageName",
            // literal values of constraints that Drools compiles into the rule's class
            "org/drools/mvel/field/FieldFactory.getInstance", "org/drools/mvel/field/FieldFactory.getFieldValue",
            // DRL functions compile to a class Drools declares Externalizable (no methods of it are called).
            "java/io/Externalizable");
    /**
     * What Drools' own invoker templates (the classes that wire a rule's consequence, eval or return
     * value into the engine) use. They are filled only with declaration names and types, never with
     * rule text, and are recognised by implementing CompiledInvoker: rule text cannot add interfaces.
     */
    private static final Set<String> TEMPLATE_PLUMBING = Set.of(
            "org/drools/base/rule/accessor/CompiledInvoker", "org/drools/base/rule/accessor/CompiledInvoker.getMethodBytecode",
            "org/drools/mvel/asm/MethodComparator.getMethodBytecode", "org/drools/mvel/asm/MethodComparator.compareBytecode",
            "java/lang/Object.getClass",
            "org/drools/mvel/asm/ConsequenceStub", "org/drools/mvel/asm/ConsequenceGenerator.generate",
            "org/drools/base/rule/consequence/Consequence.evaluate",
            "org/drools/mvel/asm/EvalStub", "org/drools/mvel/asm/EvalGenerator.generate", "org/drools/base/rule/accessor/EvalExpression.evaluate",
            "org/drools/base/rule/accessor/ReturnValueExpression",
            "org/drools/mvel/field/FieldFactory.getInstance", "org/drools/mvel/field/FieldFactory.getFieldValue");
    private static final String COMPILED_INVOKER = "org/drools/base/rule/accessor/CompiledInvoker";
    /** Globals the service sets: the working-day calendar and the screening rules' sink. */
    private static final Set<String> GLOBALS = Set.of("cn.zhiban.catalogue.WorkingDays", "cn.zhiban.matching.ScreeningSink");
    /** Supertypes the generated classes may have. */
    private static final Set<String> SUPERTYPES = Set.of("java/lang/Object");

    private static final Set<String> MVEL_OPERATORS = Set.of("in", "not", "contains", "memberOf", "matches", "soundslike", "str",
            "excludes", "instanceof", "null", "true", "false", "this", "after", "before", "coincides", "during", "finishes",
            "finishedby", "includes", "meets", "metby", "overlaps", "overlappedby", "starts", "startedby", "count", "sum", "min",
            "max", "average", "collectList", "collectSet");
    private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "min", "max", "average", "collectList", "collectSet");
    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io", "cn", "kotlin",
            "scala", "groovy", "mvel", "ognl");
    /** Method names an MVEL expression may call: those of the allowed types, minus the denied ones. */
    private static final Set<String> EXPRESSION_METHODS = new HashSet<>();
    /** Property names MVEL resolves to getters or fields of the allowed types. */
    private static final Set<String> EXPRESSION_PROPERTIES = new HashSet<>();

    static {
        List<Class<?>> reflect = new ArrayList<>();
        for (String c : CLASSES) {
            load(c.replace('/', '.')).ifPresent(reflect::add);
        }
        for (String fact : new String[]{"cn.zhiban.acceptance.facts.Application", "cn.zhiban.matching.facts.Profile"}) {
            load(fact).ifPresent(k -> reflect.addAll(factClasses(k)));
        }
        reflect.add(java.time.LocalDate.class);
        reflect.add(java.time.LocalDateTime.class);
        reflect.add(java.time.Period.class);
        reflect.add(java.time.Duration.class);
        reflect.add(java.time.YearMonth.class);
        reflect.add(java.time.Year.class);
        reflect.add(java.time.temporal.ChronoUnit.class);
        for (Class<?> k : reflect) {
            for (Method m : k.getMethods()) {
                if (!DENIED_MEMBERS.contains(m.getName())) {
                    EXPRESSION_METHODS.add(m.getName());
                    String n = m.getName();
                    if (m.getParameterCount() == 0 && n.length() > 3 && n.startsWith("get")) {
                        EXPRESSION_PROPERTIES.add(Character.toLowerCase(n.charAt(3)) + n.substring(4));
                    } else if (m.getParameterCount() == 0 && n.length() > 2 && n.startsWith("is")) {
                        EXPRESSION_PROPERTIES.add(Character.toLowerCase(n.charAt(2)) + n.substring(3));
                    }
                }
            }
            for (Field f : k.getFields()) {
                EXPRESSION_PROPERTIES.add(f.getName());
            }
            // Fact fields by name (MVEL reads them as properties); JDK classes' private fields are not properties.
            for (Field f : k.getName().startsWith("cn.zhiban.") ? k.getDeclaredFields() : new Field[0]) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    EXPRESSION_PROPERTIES.add(f.getName());
                }
            }
        }
        EXPRESSION_PROPERTIES.removeIf(p -> p.equals("class") || p.equals("declaringClass"));
    }

    private RuleSandbox() {
    }

    private static java.util.Optional<Class<?>> load(String name) {
        try {
            return java.util.Optional.of(Class.forName(name, false, RuleSandbox.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return java.util.Optional.empty();
        }
    }

    /** The classes of the fact package of {@code anchor}, found beside it in its code source. */
    private static List<Class<?>> factClasses(Class<?> anchor) {
        List<Class<?>> out = new ArrayList<>();
        String pkg = anchor.getPackageName();
        try {
            var url = anchor.getProtectionDomain().getCodeSource().getLocation();
            java.nio.file.Path root = java.nio.file.Path.of(url.toURI());
            if (java.nio.file.Files.isDirectory(root)) {
                try (var files = java.nio.file.Files.list(root.resolve(pkg.replace('.', '/')))) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
                            .forEach(n -> load(pkg + "." + n.substring(0, n.length() - 6)).ifPresent(out::add));
                }
            } else {
                try (var jar = new java.util.jar.JarFile(root.toFile())) {
                    String prefix = pkg.replace('.', '/') + "/";
                    jar.stream().map(java.util.jar.JarEntry::getName)
                            .filter(n -> n.startsWith(prefix) && n.endsWith(".class") && n.indexOf('/', prefix.length()) < 0)
                            .forEach(n -> load(n.substring(0, n.length() - 6).replace('/', '.')).ifPresent(out::add));
                }
            }
        } catch (Exception e) {
            out.add(anchor);
        }
        return out;
    }

    /** Whether code may use the type (internal name). */
    static boolean allowedType(String internal) {
        if (CLASSES.contains(internal)) {
            return true;
        }
        int slash = internal.lastIndexOf('/');
        return slash > 0 && PACKAGES.contains(internal.substring(0, slash));
    }

    // ------------------------------------------------------------------ before the build

    /** A file's parsed DRL checked against the allow-list; problems name the file, line and the refused thing. */
    public static List<RuleProblem> checkSource(String file, PackageDescr pkg, Set<String> functions) {
        List<RuleProblem> out = new ArrayList<>();
        Scope scope = new Scope(file, pkg, out);
        scope.functions.addAll(functions);
        for (AttributeDescr a : pkg.getAttributes()) {
            scope.attribute(null, a);
        }
        for (ImportDescr i : pkg.getImports()) {
            if (!importAllowed(i.getTarget())) {
                out.add(new RuleProblem(file, line(i), "不允许导入 " + i.getTarget() + ":规则只能使用事实模型、Citation、WorkingDays、String、数值类型、Math、java.time、java.math 与 java.util 集合"));
            }
        }
        pkg.getFunctionImports().forEach(i -> out.add(new RuleProblem(file, line(i), "不允许导入函数 " + i.getTarget() + "(import function/static)")));
        pkg.getAccumulateImports().forEach(i -> out.add(new RuleProblem(file, line(i), "不允许导入自定义累加函数 " + i.getTarget())));
        for (GlobalDescr g : pkg.getGlobals()) {
            if (!GLOBALS.contains(g.getType())) {
                out.add(new RuleProblem(file, line(g), "不允许的全局变量类型 " + g.getType() + ",只允许 " + GLOBALS));
            }
        }
        pkg.getTypeDeclarations().forEach(t -> out.add(new RuleProblem(file, line(t),
                "不允许在规则中声明类型 " + t.getTypeName() + "(declare):声明的类型会生成并加载新的类(含静态初始化与字段默认值),请使用事实模型")));
        pkg.getEnumDeclarations().forEach(t -> out.add(new RuleProblem(file, line(t), "不允许在规则中声明枚举 " + t.getTypeName())));
        pkg.getEntryPointDeclarations().forEach(t -> out.add(new RuleProblem(file, line(t), "不允许声明入口点 " + t.getEntryPointId())));
        pkg.getWindowDeclarations().forEach(t -> out.add(new RuleProblem(file, line(t), "不允许声明窗口 " + t.getName())));
        if (pkg.getUnit() != null) {
            out.add(new RuleProblem(file, line(pkg.getUnit()), "不允许使用规则单元(unit)"));
        }
        for (FunctionDescr f : pkg.getFunctions()) {
            String where = "函数 " + f.getName();
            if (f.getDialect() != null && !"java".equals(f.getDialect())) {
                out.add(new RuleProblem(file, line(f), where + " 使用了不允许的方言 " + f.getDialect() + ",只允许 java"));
            }
            List<String> signature = new ArrayList<>(f.getParameterTypes());
            signature.add(f.getReturnType());
            for (String t : signature) {
                if (t != null && !t.matches("[\\w.$\\[\\]<> ,]+")) {
                    out.add(new RuleProblem(file, line(f), where + " 的参数或返回类型不是类型名:" + t));
                }
            }
            f.getParameterNames().stream().filter(n -> !n.matches("\\w+"))
                    .forEach(n -> out.add(new RuleProblem(file, line(f), where + " 的参数名不是标识符:" + n)));
            scope.javaBody(where, line(f), f.getBody());
        }
        for (RuleDescr rule : pkg.getRules()) {
            scope.rule(rule);
        }
        return out;
    }

    private static boolean importAllowed(String target) {
        if (target.endsWith(".*")) {
            String p = target.substring(0, target.length() - 2).replace('.', '/');
            return PACKAGES.contains(p) || p.equals("java/math");
        }
        String internal = target.replace('.', '/');
        return allowedType(internal);
    }

    private static int line(BaseDescr d) {
        return d == null ? 0 : d.getLine();
    }

    /** Walks one file's rules with its imports and function names at hand. */
    private static final class Scope {
        final String file;
        final List<RuleProblem> out;
        final Map<String, String> imported = new HashMap<>();
        final List<String> wildcard = new ArrayList<>();
        final Set<String> functions = new HashSet<>();
        String where = "";
        int line;

        Scope(String file, PackageDescr pkg, List<RuleProblem> out) {
            this.file = file;
            this.out = out;
            for (ImportDescr i : pkg.getImports()) {
                String t = i.getTarget();
                if (t.endsWith(".*")) {
                    wildcard.add(t.substring(0, t.length() - 1));
                } else {
                    imported.put(t.substring(t.lastIndexOf('.') + 1), t);
                }
            }
            wildcard.add("java.lang.");
            pkg.getFunctions().forEach(f -> functions.add(f.getName()));
        }

        void problem(int at, String message) {
            // Policy rules are generated from YAML: a line of the generated text would mislead.
            boolean generatedText = !file.endsWith(".drl") && !file.endsWith(".drl.csv");
            out.add(new RuleProblem(file, at > 0 && !generatedText ? at : null, where + message));
        }

        void rule(RuleDescr rule) {
            where = (rule.isQuery() ? "查询 " : "规则 ") + rule.getName() + " ";
            line = rule.getLine();
            for (AttributeDescr a : rule.getAttributes().values()) {
                attribute(rule, a);
            }
            for (AnnotationDescr a : rule.getAnnotations()) {
                annotation(a);
            }
            if (rule.getLhs() != null) {
                lhs(rule.getLhs());
            }
            if (rule.getConsequence() != null) {
                javaBody("", rule.getConsequenceLine() > 0 ? rule.getConsequenceLine() : line, String.valueOf(rule.getConsequence()));
            }
            rule.getNamedConsequences().values().forEach(c -> javaBody("", line, String.valueOf(c)));
            where = "";
        }

        void attribute(RuleDescr rule, AttributeDescr a) {
            String name = a.getName();
            String value = a.getValue();
            int at = a.getLine() > 0 ? a.getLine() : line;
            switch (name) {
                case "dialect" -> {
                    if (!"java".equals(value)) {
                        problem(at, "使用了不允许的方言 dialect \"" + value + "\":上传的规则只能使用 java 方言(MVEL 代码不编译为可检查的字节码)");
                    }
                }
                case "salience", "enabled" -> {
                    if (!value.strip().matches("-?\\d+|true|false")) {
                        expression(at, name + " ", value);
                    }
                }
                case "no-loop", "lock-on-active", "auto-focus", "agenda-group", "activation-group", "ruleflow-group",
                        "date-effective", "date-expires" -> {
                    // plain values: flags, group names, dates
                }
                default -> problem(at, "使用了不允许的规则属性 " + name + "(定时器、日历与持续时间会在其他线程执行规则)");
            }
        }

        void annotation(AnnotationDescr a) {
            for (Map.Entry<String, Object> e : a.getValueMap().entrySet()) {
                Object v = e.getValue();
                String text = v == null ? "" : v.toString().strip();
                // Drools evaluates a non-string annotation value with MVEL while building: only literals pass.
                if (!(text.matches("\"([^\"\\\\]|\\\\[\"\\\\nrt])*\"") || text.matches("-?\\d+(\\.\\d+)?"))) {
                    problem(line(a), "的注解 @" + a.getName() + " 的值不是字符串或数字字面量:" + abbreviate(text));
                }
            }
        }

        void lhs(BaseDescr d) {
            int at = d.getLine() > 0 ? d.getLine() : line;
            if (d instanceof PatternDescr p) {
                pattern(p);
            } else if (d instanceof EvalDescr e) {
                // Java dialect: compiled to an invoker class that the bytecode check reads; the text must not break out of it.
                javaExpression(at, "eval ", String.valueOf(e.getContent()));
            } else if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr
                    || d instanceof ForallDescr) {
                for (BaseDescr c : ((ConditionalElementDescr) d).getDescrs()) {
                    lhs(c);
                }
            } else {
                problem(at, "使用了不支持的规则结构 " + d.getClass().getSimpleName() + "(只允许模式、and/or/not/exists/forall、eval、from、collect 与 accumulate 内置函数)");
            }
        }

        void pattern(PatternDescr p) {
            int at = p.getLine() > 0 ? p.getLine() : line;
            if (p.getObjectType() != null && !typeName(p.getObjectType())) {
                problem(at, "的模式使用了不允许的类型 " + p.getObjectType());
            }
            if (!p.getBehaviors().isEmpty()) {
                problem(at, "不允许使用滑动窗口(over window)");
            }
            constraints((BaseDescr) p.getConstraint());
            PatternSourceDescr source = p.getSource();
            if (source == null) {
                return;
            }
            if (source instanceof FromDescr from) {
                expression(at, "from ", from.getDataSource() == null ? String.valueOf(from.getText()) : from.getDataSource().toString());
            } else if (source instanceof CollectDescr collect) {
                pattern(collect.getInputPattern());
            } else if (source instanceof org.drools.drl.ast.descr.GroupByDescr) {
                problem(at, "不允许使用 groupby(分组键是未经检查的表达式)");
            } else if (source instanceof AccumulateDescr acc) {
                if (acc.getInitCode() != null || acc.getActionCode() != null || acc.getReverseCode() != null || acc.getResultCode() != null) {
                    problem(at, "不允许在 accumulate 中写内联代码(init/action/reverse/result),请使用 count、sum、min、max、average、collectList、collectSet");
                }
                if (acc.getInput() != null) {
                    lhs(acc.getInput());
                }
                for (AccumulateDescr.AccumulateFunctionCallDescr f : acc.getFunctions()) {
                    if (!ACCUMULATE_FUNCTIONS.contains(f.getFunction())) {
                        problem(at, "使用了不允许的累加函数 " + f.getFunction());
                    }
                    for (String param : f.getParams()) {
                        expression(at, "accumulate ", param);
                    }
                }
            } else {
                problem(at, "使用了不支持的数据来源 " + source.getClass().getSimpleName());
            }
        }

        void constraints(BaseDescr d) {
            if (d == null) {
                return;
            }
            int at = d.getLine() > 0 ? d.getLine() : line;
            if (d instanceof ExprConstraintDescr e) {
                expression(at, "约束 ", e.getExpression());
            } else if (d instanceof BindingDescr b) {
                expression(at, "绑定 ", b.getExpression());
            } else if (d instanceof ConditionalElementDescr ce) {
                ce.getDescrs().forEach(c -> constraints((BaseDescr) c));
            } else {
                problem(at, "使用了不支持的约束 " + d.getClass().getSimpleName());
            }
        }

        /** An MVEL-interpreted expression: only allowed names, no construction, assignment, blocks or escapes. */
        void expression(int at, String what, String text) {
            String refused = refusedInExpression(text, true);
            if (refused != null) {
                problem(at, "的" + what + "表达式 " + abbreviate(text) + " 使用了不允许的 " + refused);
            }
        }

        /** A Java expression (eval): same names; the bytecode check then reads what it compiled to. */
        void javaExpression(int at, String what, String text) {
            String refused = refusedInExpression(text, false);
            if (refused != null) {
                problem(at, "的" + what + "表达式 " + abbreviate(text) + " 使用了不允许的 " + refused);
            }
        }

        /**
         * Java code that javac compiles into a method body (consequence, function): it must stay that
         * method's body, so braces balance and no ASCII unicode escape hides code from this scan.
         */
        void javaBody(String what, int at, String body) {
            String refused = escapes(body);
            if (refused == null) {
                refused = unbalanced(body);
            }
            if (refused != null) {
                problem(at, what + "的代码使用了不允许的 " + refused);
            }
        }

        String refusedInExpression(String text, boolean mvel) {
            String escaped = escapes(text);
            if (escaped != null) {
                return escaped;
            }
            List<String> tokens = tokens(text);
            for (int i = 0; i < tokens.size(); i++) {
                String t = tokens.get(i);
                String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
                String previous = i > 0 ? tokens.get(i - 1) : "";
                if (t.startsWith("\"") || t.startsWith("'") || Character.isDigit(t.charAt(0))) {
                    continue;
                }
                if (t.equals("{") || t.equals("}") || t.equals(";") || t.equals("#") || t.equals("@") || t.equals("\\") || t.equals("`")) {
                    return "符号 " + t;
                }
                if (t.equals("=") || t.equals("+=") || t.equals("-=") || t.equals("*=") || t.equals("/=") || t.equals("++") || t.equals("--")
                        || t.equals(":=") || t.equals("%=") || t.equals("|=") || t.equals("&=") || t.equals("^=") || t.equals("<<=") || t.equals(">>=")) {
                    return "赋值 " + t;
                }
                if (!Character.isJavaIdentifierStart(t.charAt(0))) {
                    continue;
                }
                if (t.equals("new") || t.equals("class") || t.equals("def") || t.equals("function") || t.equals("import")
                        || t.equals("with") || t.equals("assert") || t.equals("foreach") || t.equals("for") || t.equals("while")
                        || t.equals("do") || t.equals("until") || t.equals("return") || t.equals("var") || t.equals("super")) {
                    return "关键字 " + t;
                }
                if (t.startsWith("$") || MVEL_OPERATORS.contains(t) && !next.equals(".")) {
                    continue;
                }
                boolean member = previous.equals(".") || previous.equals("!.") || previous.equals("?.");
                if (next.equals("(")) {
                    if (!EXPRESSION_METHODS.contains(t) && !(functions.contains(t) && !member)) {
                        return "方法 " + t;
                    }
                } else if (member) {
                    if (!EXPRESSION_PROPERTIES.contains(t) && !EXPRESSION_METHODS.contains(t)) {
                        return "属性 " + t;
                    }
                } else if (Character.isUpperCase(t.charAt(0)) || PACKAGE_ROOTS.contains(t) && next.equals(".")) {
                    // A type name (static call, constant) or a package: it must resolve to an allowed type.
                    String qualified = t;
                    int j = i;
                    while (!typeName(qualified) && j + 2 < tokens.size() && tokens.get(j + 1).equals(".")
                            && Character.isJavaIdentifierStart(tokens.get(j + 2).charAt(0))) {
                        j += 2;
                        qualified += "." + tokens.get(j);
                    }
                    if (!typeName(qualified)) {
                        return "类型 " + qualified;
                    }
                    i = j;
                } else if (!mvel) {
                    // Java eval: a plain lowercase name is a local variable or field; javac resolves it and the bytecode check reads it.
                    continue;
                } else if (!EXPRESSION_PROPERTIES.contains(t) && !EXPRESSION_METHODS.contains(t)) {
                    // MVEL reads a bare name as a property of the pattern's fact: a getter, a field, or a no-argument method (size).
                    return "名称 " + t;
                }
            }
            return null;
        }

        /** Whether a (simple or qualified) type name resolves, through this file's imports, to an allowed type. */
        boolean typeName(String name) {
            String n = name.replaceAll("<.*>", "").replace("[]", "").strip();
            if (n.contains(".")) {
                return allowedType(n.replace('.', '/')) || allowedType(n.replaceFirst("\\.(\\w+)$", "\\$$1").replace('.', '/'));
            }
            if (Set.of("int", "long", "double", "float", "boolean", "short", "byte", "char", "void").contains(n)) {
                return true;
            }
            String explicit = imported.get(n);
            if (explicit != null) {
                return allowedType(explicit.replace('.', '/'));
            }
            for (String w : wildcard) {
                String internal = (w + n).replace('.', '/');
                if (allowedType(internal) && load(w + n).isPresent()) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u+([0-9a-fA-F]{4})");

    /** Java decodes \\uXXXX everywhere, strings included, before lexing: one decoding to ASCII could be any code. */
    static String escapes(String text) {
        Matcher m = UNICODE_ESCAPE.matcher(text);
        while (m.find()) {
            int slashes = 0;
            while (m.group().charAt(slashes) == '\\') {
                slashes++;
            }
            // An even number of backslashes before u is an escaped backslash, not a unicode escape.
            if (slashes % 2 == 1 && Integer.parseInt(m.group(1), 16) < 0x80) {
                return "Unicode 转义 " + m.group();
            }
        }
        if (text.contains("\"\"\"")) {
            return "文本块 \"\"\"";
        }
        return null;
    }

    /** Braces outside literals and comments that close more than they open, or do not close. */
    static String unbalanced(String code) {
        int depth = 0;
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipLiteral(code, i);
                continue;
            }
            if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '/') {
                // Java ends a line comment at CR as well as LF: so must this scan, or "} static {" after a CR hides here.
                while (i < code.length() && code.charAt(i) != '\n' && code.charAt(i) != '\r') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '*') {
                int end = code.indexOf("*/", i + 2);
                if (end < 0) {
                    return "未闭合的注释";
                }
                i = end + 2;
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth < 0) {
                return "多余的 }(代码不能离开所在的方法)";
            }
            i++;
        }
        return depth == 0 ? null : "未闭合的 {";
    }

    private static int skipLiteral(String code, int start) {
        char quote = code.charAt(start);
        int i = start + 1;
        while (i < code.length() && code.charAt(i) != quote && code.charAt(i) != '\n' && code.charAt(i) != '\r') {
            i += code.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|[$A-Za-z_\\p{L}][$\\w\\p{L}]*|\\d[\\w.]*|!\\.|\\?\\.|<<=|>>=|==|!=|<=|>=|&&|\\|\\||\\+\\+|--|[-+*/%|&^:]=|\\S");

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 80 ? one.substring(0, 77) + "…" : one;
    }

    // ------------------------------------------------------------------ after the build

    /** Where a generated class came from, for messages. */
    public record Origin(String file, Integer line, String what) {
    }

    /**
     * Reads every generated class and refuses anything off the allow-list. {@code origins} maps a
     * generated class name (dotted, outer class) to the rule or function it came from.
     */
    public static List<RuleProblem> checkBytecode(Map<String, byte[]> classes, Map<String, Origin> origins, String fallbackFile) {
        return checkBytecode(classes, origins, fallbackFile, Map.of());
    }

    /**
     * As above; {@code lines} maps a generated class (dotted) to {start line, offset} of its rule
     * code in the DRL file (Drools' LineMappings), so a refusal can name the line of the statement.
     */
    public static List<RuleProblem> checkBytecode(Map<String, byte[]> classes, Map<String, Origin> origins, String fallbackFile,
                                                  Map<String, int[]> lines) {
        List<RuleProblem> out = new ArrayList<>();
        Set<String> generated = new HashSet<>();
        classes.keySet().forEach(k -> generated.add(internalName(k)));
        Map<String, Set<String>> calls = new HashMap<>();
        Map<String, String> ownerOfMethod = new HashMap<>();
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            String internal = internalName(e.getKey());
            Origin origin = originOf(internal, origins, fallbackFile);
            Set<String> seen = new HashSet<>();
            List<RuleProblem> found = new ArrayList<>();
            // Cheap pass without debug information; only a refused class is read again for its line numbers.
            new ClassReader(e.getValue()).accept(new Checker(internal, generated, origin, found, seen, calls, ownerOfMethod, null),
                    ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            int[] mapping = lines.get(internal.replace('/', '.'));
            if (!found.isEmpty() && mapping != null) {
                found.clear();
                new ClassReader(e.getValue()).accept(new Checker(internal, generated, origin, found, new HashSet<>(), new HashMap<>(), new HashMap<>(), mapping),
                        ClassReader.SKIP_FRAMES);
            }
            out.addAll(found);
        }
        cycles(calls, ownerOfMethod, origins, fallbackFile, out);
        return out;
    }

    private static String internalName(String key) {
        String k = key.endsWith(".class") ? key.substring(0, key.length() - 6) : key;
        return k.replace('.', '/');
    }

    private static Origin originOf(String internal, Map<String, Origin> origins, String fallbackFile) {
        String outer = internal.replace('/', '.');
        Origin o = origins.get(outer);
        if (o != null) {
            return o;
        }
        // Invokers and inner classes are named after their rule's class (Rule_X_hashDefaultConsequenceInvoker, …): a prefix,
        // found among the nearest keys below the name in sort order (a scan of all rules per class was quadratic).
        if (origins instanceof java.util.NavigableMap<String, Origin> sorted) {
            String k = sorted.floorKey(outer);
            for (int i = 0; k != null && i < 16; i++, k = sorted.lowerKey(k)) {
                if (outer.startsWith(k)) {
                    return sorted.get(k);
                }
            }
        } else {
            for (Map.Entry<String, Origin> e : origins.entrySet()) {
                if (outer.startsWith(e.getKey())) {
                    return e.getValue();
                }
            }
        }
        return new Origin(fallbackFile, null, "生成的类 " + outer.substring(outer.lastIndexOf('.') + 1));
    }

    private static final class Checker extends ClassVisitor {
        final String self;
        final Set<String> generated;
        final Origin origin;
        final List<RuleProblem> out;
        final Set<String> reported;
        final Map<String, Set<String>> calls;
        final Map<String, String> ownerOfMethod;
        boolean template;
        final int[] mapping;
        int generatedLine;

        Checker(String self, Set<String> generated, Origin origin, List<RuleProblem> out, Set<String> reported,
                Map<String, Set<String>> calls, Map<String, String> ownerOfMethod, int[] mapping) {
            super(Opcodes.ASM9);
            this.self = self;
            this.generated = generated;
            this.origin = origin;
            this.out = out;
            this.reported = reported;
            this.calls = calls;
            this.ownerOfMethod = ownerOfMethod;
            this.mapping = mapping;
        }

        boolean plumbing(String member) {
            return PLUMBING.contains(member) || template && TEMPLATE_PLUMBING.contains(member);
        }

        void refuse(String what) {
            Integer line = origin.line();
            if (mapping != null && generatedLine > 0) {
                // LineMappings: where the consequence starts in the DRL and in the generated class (checked by RuleSandboxTest).
                line = mapping[0] + generatedLine - mapping[1] - 3;
            }
            if (reported.add(what + line)) {
                out.add(new RuleProblem(origin.file(), line, describe(origin, line) + "使用了不允许的 " + what));
            }
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            template = name.endsWith("Invoker") && interfaces != null && java.util.Arrays.asList(interfaces).contains(COMPILED_INVOKER);
            if (superName != null && !SUPERTYPES.contains(superName) && !plumbing(superName) && !generated.contains(superName)) {
                refuse("父类 " + superName.replace('/', '.'));
            }
            for (String i : interfaces == null ? new String[0] : interfaces) {
                if (!plumbing(i) && !allowedType(i) && !generated.contains(i)) {
                    refuse("接口 " + i.replace('/', '.'));
                }
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("<clinit>")) {
                refuse("静态初始化");
            }
            if ((access & Opcodes.ACC_NATIVE) != 0 || (access & Opcodes.ACC_SYNCHRONIZED) != 0 && !template) {
                refuse("native/synchronized 方法 " + name);
            }
            String method = self + "." + name + descriptor;
            ownerOfMethod.put(method, self);
            Set<String> callees = calls.computeIfAbsent(method, k -> new HashSet<>());
            return new MethodVisitor(Opcodes.ASM9) {
                final Set<Label> visited = new HashSet<>();
                /** The size pushed by the last instruction when it was a small constant (varargs), else -1. */
                int smallConstant = -1;

                void array() {
                    // Varargs calls (Citation.of(rule, a, b)) build a small array of constant size; any other size is refused.
                    if (!template && smallConstant < 0) {
                        refuse("数组分配");
                    }
                }

                @Override
                public void visitVarInsn(int opcode, int varIndex) {
                    smallConstant = -1;
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                    smallConstant = -1;
                    field(opcode, owner, name);
                }

                @Override
                public void visitLineNumber(int line, Label start) {
                    generatedLine = line;
                }

                @Override
                public void visitLabel(Label label) {
                    visited.add(label);
                }

                @Override
                public void visitJumpInsn(int opcode, Label label) {
                    if (visited.contains(label)) {
                        refuse("循环(while/for/do)");
                    }
                }

                @Override
                public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                    backwards(dflt, labels);
                }

                @Override
                public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                    backwards(dflt, labels);
                }

                void backwards(Label dflt, Label[] labels) {
                    if (visited.contains(dflt) || java.util.Arrays.stream(labels).anyMatch(visited::contains)) {
                        refuse("循环(while/for/do)");
                    }
                }

                @Override
                public void visitInsn(int opcode) {
                    smallConstant = opcode >= Opcodes.ICONST_0 && opcode <= Opcodes.ICONST_5 ? opcode - Opcodes.ICONST_0 : -1;
                    if ((opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) && !template) {
                        refuse("synchronized");
                    }
                }

                @Override
                public void visitIntInsn(int opcode, int operand) {
                    if (opcode == Opcodes.NEWARRAY) {
                        array();
                    }
                    // Constant sizes only, and bounded: generated screening rules pass one entry per benefit line.
                    smallConstant = (opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH) && operand >= 0 && operand <= 4096 ? operand : -1;
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (opcode == Opcodes.ANEWARRAY) {
                        array();
                        type(type, "数组 ");
                    } else {
                        type(type, opcode == Opcodes.NEW ? "new " : "类型 ");
                    }
                }

                @Override
                public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
                    if (!template) {
                        refuse("数组分配");
                    }
                }

                void field(int opcode, String owner, String name) {
                    if (generated.contains(owner)) {
                        return;
                    }
                    if (!allowedType(owner) && !plumbing(owner + "." + name)) {
                        refuse("字段 " + owner.replace('/', '.') + "." + name);
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                    smallConstant = -1;
                    if (generated.contains(owner)) {
                        if (!template && owner.endsWith("Invoker")) {
                            // Drools' wiring classes are not for rule code to call.
                            refuse("方法 " + owner.replace('/', '.') + "." + name);
                        }
                        callees.add(owner + "." + name + descriptor);
                        if (DENIED_MEMBERS.contains(name)) {
                            refuse("方法 " + owner.replace('/', '.') + "." + name);
                        }
                        return;
                    }
                    if (owner.startsWith("[") && !template) {
                        // Methods on an array (clone, length via arraylength): arrays cannot be made here; clone would copy one.
                        refuse("数组方法 " + name);
                        return;
                    }
                    String member = owner + "." + name;
                    if (plumbing(member) || template && owner.startsWith("[")) {
                        return;
                    }
                    if (!allowedType(owner) || DENIED_MEMBERS.contains(name) || capacity(owner, name, descriptor)) {
                        refuse("方法 " + owner.replace('/', '.') + "." + (name.equals("<init>") ? "<init>(构造)" : name));
                    }
                }

                @Override
                public void visitLdcInsn(Object value) {
                    smallConstant = -1;
                    if (value instanceof Type t) {
                        if (t.getSort() == Type.METHOD) {
                            refuse("方法类型常量");
                        } else {
                            refuse("类常量 " + t.getClassName() + ".class");
                        }
                    } else if (value instanceof Handle || value instanceof ConstantDynamic) {
                        refuse("方法句柄常量");
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... args) {
                    // String concatenation only; its recipe and constants are plain strings.
                    boolean concat = bsm.getOwner().equals("java/lang/invoke/StringConcatFactory")
                            && (bsm.getName().equals("makeConcatWithConstants") || bsm.getName().equals("makeConcat"))
                            && java.util.Arrays.stream(args).allMatch(a -> a instanceof String);
                    if (!concat) {
                        refuse("invokedynamic " + bsm.getOwner().replace('/', '.') + "." + bsm.getName() + "(lambda/方法引用)");
                    }
                }
            };
        }

        void type(String type, String how) {
            String element = type.startsWith("[") ? Type.getType(type).getElementType().getInternalName() : type;
            if (!allowedType(element) && !generated.contains(element) && !plumbing(element)) {
                refuse(how + element.replace('/', '.'));
            }
        }
    }

    /** Constructors that take a size, for types whose size is memory: new StringBuilder(Integer.MAX_VALUE) and the like. */
    private static boolean capacity(String owner, String name, String descriptor) {
        return name.equals("<init>") && (owner.startsWith("java/util/") || owner.equals("java/lang/StringBuilder"))
                && (descriptor.startsWith("(I") || descriptor.startsWith("(J"));
    }

    /** 规则 X(文件 rules/acceptance/credit.drl 第 12 行): the line is left out for generated policy rules, whose DRL staff never see. */
    private static String describe(Origin o, Integer line) {
        boolean generatedText = o.file() != null && !o.file().endsWith(".drl") && !o.file().endsWith(".drl.csv");
        return o.what() + "(文件 " + o.file() + (line != null && line > 0 && !generatedText ? " 第 " + line + " 行" : "") + ")";
    }

    /** Recursion among generated methods (a function calling itself, directly or through others). */
    private static void cycles(Map<String, Set<String>> calls, Map<String, String> ownerOfMethod, Map<String, Origin> origins,
                               String fallbackFile, List<RuleProblem> out) {
        Map<String, Integer> state = new HashMap<>();
        Set<String> reported = new HashSet<>();
        for (String start : calls.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            // Iterative DFS: uploads can be large; no recursion in the checker either.
            List<String> stack = new ArrayList<>();
            List<java.util.Iterator<String>> iterators = new ArrayList<>();
            stack.add(start);
            iterators.add(calls.getOrDefault(start, Set.of()).iterator());
            state.put(start, 1);
            while (!stack.isEmpty()) {
                var it = iterators.get(iterators.size() - 1);
                if (it.hasNext()) {
                    String next = it.next();
                    Integer s = state.get(next);
                    if (s == null) {
                        state.put(next, 1);
                        stack.add(next);
                        iterators.add(calls.getOrDefault(next, Set.of()).iterator());
                    } else if (s == 1) {
                        String owner = ownerOfMethod.getOrDefault(next, next.substring(0, next.lastIndexOf('.', next.indexOf('('))));
                        if (reported.add(owner)) {
                            Origin o = originOf(owner, origins, fallbackFile);
                            String method = next.substring(next.lastIndexOf('.', next.indexOf('(')) + 1, next.indexOf('('));
                            out.add(new RuleProblem(o.file(), o.line(), describe(o, o.line()) + "使用了不允许的 递归调用(" + method + ")"));
                        }
                    }
                } else {
                    state.put(stack.remove(stack.size() - 1), 2);
                    iterators.remove(iterators.size() - 1);
                }
            }
        }
    }
}
