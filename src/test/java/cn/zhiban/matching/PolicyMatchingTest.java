package cn.zhiban.matching;

import cn.zhiban.enterprise.EnterpriseInput;
import cn.zhiban.enterprise.Listing;
import cn.zhiban.enterprise.Qualification;
import cn.zhiban.policydata.PolicyDataException;
import cn.zhiban.rules.RuleSetCompiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Policy files compiled into real Drools rules and matched: each operator, each benefit form,
 * unknown versus false, near misses, effective dates and the size-class table on its boundaries.
 * The policies are written here as YAML, exactly as policy staff would write them.
 */
class PolicyMatchingTest {
    private static final LocalDate DAY = LocalDate.of(2026, 6, 1);
    private static Policies.Active active;

    @TempDir
    static Path folder;

    private static final String FIXED = "- {label: 奖励, fixed: 1000.00, source: 第一条}";

    private static String leaf(String id, String body) {
        return "id: " + id + "\n" + body + "\ntext: 条件" + id + "\nsource: 第二条";
    }

    @BeforeAll
    static void compile() throws IOException {
        Map<String, String> files = new HashMap<>();
        files.put("T-GE", PolicyFiles.yaml("T-GE", leaf("c", "field: insuredEmployees\nop: \">=\"\nvalue: 10"), FIXED, ""));
        files.put("T-GT", PolicyFiles.yaml("T-GT", leaf("c", "field: revenue\nop: \">\"\nvalue: 1000000"), FIXED, ""));
        files.put("T-LE", PolicyFiles.yaml("T-LE", leaf("c", "field: taxPaid\nop: \"<=\"\nvalue: 500000.50"), FIXED, ""));
        files.put("T-LT", PolicyFiles.yaml("T-LT", leaf("c", "field: establishedOn\nop: \"<\"\nvalue: 2020-01-01"), FIXED, ""));
        files.put("T-EQ", PolicyFiles.yaml("T-EQ", leaf("c", "field: taxCreditGrade\nop: \"==\"\nvalue: A"), FIXED, ""));
        files.put("T-NE", PolicyFiles.yaml("T-NE", leaf("c", "field: park\nop: \"!=\"\nvalue: CD-GXQ"), FIXED, ""));
        files.put("T-IN", PolicyFiles.yaml("T-IN", leaf("c", "field: sizeClass\nop: in\nvalues: [SMALL, MICRO]"), FIXED, ""));
        files.put("T-NOTIN", PolicyFiles.yaml("T-NOTIN", leaf("c", "field: regionCode\nop: notIn\nvalues: [\"510107\", \"510104\"]"), FIXED, ""));
        files.put("T-IND", PolicyFiles.yaml("T-IND", leaf("c", "industryPrefixes: [C35, I65]"), FIXED, ""));
        files.put("T-REG", PolicyFiles.yaml("T-REG", leaf("c", "field: insuredEmployees\nop: \">=\"\nvalue: 1"), FIXED, "").replace("regions: []", "regions: [\"5107\"]"));
        files.put("T-PARK", PolicyFiles.yaml("T-PARK", leaf("c", "parks: [MY-KJC]"), FIXED, ""));
        files.put("T-QUAL", PolicyFiles.yaml("T-QUAL", leaf("c", "qualification: HIGH_TECH\nqualifiedFrom: 2026-01-01"), FIXED, ""));
        files.put("T-LIST", PolicyFiles.yaml("T-LIST", leaf("c", "notListed: [DISHONEST_DEBTOR]"), FIXED, ""));
        files.put("T-ATTR", PolicyFiles.yaml("T-ATTR", "id: g\nall:\n  - " + leaf("green", "field: attributes.greenFactory\nop: \"==\"\nvalue: true").replace("\n", "\n    ")
                + "\n  - " + leaf("export", "field: attributes.exportRevenue\nop: \">=\"\nvalue: 1000000").replace("\n", "\n    "), FIXED, ""));
        files.put("T-GROUPS", PolicyFiles.yaml("T-GROUPS", """
                id: root
                all:
                  - id: either
                    any:
                      - {id: big, field: insuredEmployees, op: ">=", value: 100, text: 职工不少于100人, source: 第二条}
                      - {id: hnte, qualification: HIGH_TECH, text: 高新技术企业, source: 第二条}
                  - id: not-new
                    not: {id: new, field: establishedOn, op: ">", value: 2025-12-31, text: 2026年后成立, source: 第三条}
                  - {id: rd, field: rdExpense, op: ">", value: 0, text: 有研发投入, source: 第四条}
                """, FIXED, ""));
        files.put("T-BENEFITS", PolicyFiles.yaml("T-BENEFITS", leaf("c", "field: insuredEmployees\nop: \">=\"\nvalue: 1"), """
                - {label: 研发补助, source: 第五条, percent: {field: rdExpense, rate: 0.1, cap: 300000}}
                - {label: 营收跨档, source: 第六条, tiers: {field: revenue, steps: [{atLeast: 10000000, amount: 100000}, {atLeast: 20000000, amount: 200000}]}}
                - {label: 吸纳毕业生, source: 第七条, perUnit: {field: graduatesHired, amount: 1500, cap: 4500}}
                - {label: 中小微企业返还, source: 第八条, when: {id: sme, field: sizeClass, op: in, values: [MEDIUM, SMALL, MICRO], text: 中小微企业, source: 第八条}, percent: {field: unemploymentInsurancePaid, rate: 0.6}}
                - {label: 大型企业返还, source: 第八条, when: {id: large, field: sizeClass, op: "==", value: LARGE, text: 大型企业, source: 第八条}, percent: {field: unemploymentInsurancePaid, rate: 0.3}}
                """, "").replace("perEnterpriseCap: null", "perEnterpriseCap: 350000.00"));
        files.put("T-OLD", PolicyFiles.yaml("T-OLD", leaf("c", "field: insuredEmployees\nop: \">=\"\nvalue: 1"), FIXED, "").replace("effectiveTo: 2026-12-31", "effectiveTo: 2026-05-31"));
        files.put("T-LATER", PolicyFiles.yaml("T-LATER", leaf("c", "field: insuredEmployees\nop: \">=\"\nvalue: 1"), FIXED, "").replace("effectiveFrom: 2026-01-01", "effectiveFrom: 2026-06-02"));
        for (var e : files.entrySet()) {
            Files.writeString(folder.resolve(e.getKey() + ".yaml"), e.getValue());
        }
        var definitions = Policies.read(folder);
        active = new Policies.Active(definitions, RuleSetCompiler.compile("policies", Policies.sources(Path.of("rules"), folder, definitions)));
    }

    /** A profile builder: every field unknown unless set. */
    static final class P {
        String region, park, industry, tax;
        LocalDate established;
        Integer staff, graduates;
        BigDecimal revenue, taxPaid, rd, ui;
        List<Qualification> qualifications;
        List<Listing> listings = List.of();
        Map<String, Object> attributes;

        MatchResult match(LocalDate asOf) {
            var input = new EnterpriseInput("测试", tax, null, listings, null, region, park, industry, established, staff, revenue,
                    null, taxPaid, rd, ui, graduates, qualifications, attributes);
            return Matcher.match(active, List.of(Subjects.of("U", input)), asOf, null).get("U");
        }

        MatchResult match() {
            return match(DAY);
        }
    }

    static String outcome(MatchResult r, String policy) {
        if (r.eligible().stream().anyMatch(e -> e.policyId().equals(policy))) {
            return "ELIGIBLE";
        }
        if (r.undetermined().stream().anyMatch(e -> e.policyId().equals(policy))) {
            return "UNDETERMINED";
        }
        if (r.nearMisses().stream().anyMatch(e -> e.policyId().equals(policy))) {
            return "NEAR_MISS";
        }
        return "NOT_LISTED";
    }

    @ParameterizedTest(name = "{0}: staff {1}")
    @CsvSource({"T-GE,10,ELIGIBLE", "T-GE,9,NEAR_MISS"})
    void greaterOrEqual(String policy, int staff, String expected) {
        P p = new P();
        p.staff = staff;
        assertEquals(expected, outcome(p.match(), policy));
    }

    @Test
    void unknownIsNotFalse() {
        MatchResult r = new P().match();
        assertEquals("UNDETERMINED", outcome(r, "T-GE"));
        assertEquals(List.of("insuredEmployees"), r.undetermined().stream().filter(u -> u.policyId().equals("T-GE")).findFirst().orElseThrow().missingFields());
        // a known zero is a value: not met
        P zero = new P();
        zero.staff = 0;
        assertEquals("NEAR_MISS", outcome(zero.match(), "T-GE"));
    }

    @Test
    void eachComparisonOperator() {
        P p = new P();
        p.revenue = new BigDecimal("1000000.00");
        p.taxPaid = new BigDecimal("500000.50");
        p.established = LocalDate.of(2019, 12, 31);
        p.tax = "A";
        p.park = "MY-KJC";
        p.region = "510703";
        p.staff = 5;
        MatchResult r = p.match();
        assertEquals("NEAR_MISS", outcome(r, "T-GT"), "1,000,000 is not > 1,000,000");
        assertEquals("ELIGIBLE", outcome(r, "T-LE"), "500,000.50 <= 500,000.50");
        assertEquals("ELIGIBLE", outcome(r, "T-LT"));
        assertEquals("ELIGIBLE", outcome(r, "T-EQ"));
        assertEquals("ELIGIBLE", outcome(r, "T-NE"));
        assertEquals("ELIGIBLE", outcome(r, "T-NOTIN"));
        assertEquals("ELIGIBLE", outcome(r, "T-PARK"));
        assertEquals("ELIGIBLE", outcome(r, "T-REG"), "510703 is in 5107");

        p.revenue = new BigDecimal("1000000.01");
        p.established = LocalDate.of(2020, 1, 1);
        p.tax = "B";
        p.park = "CD-GXQ";
        p.region = "510107";
        r = p.match();
        assertEquals("ELIGIBLE", outcome(r, "T-GT"));
        assertEquals("NEAR_MISS", outcome(r, "T-LT"));
        assertEquals("NEAR_MISS", outcome(r, "T-EQ"));
        assertEquals("NEAR_MISS", outcome(r, "T-NE"));
        assertEquals("NEAR_MISS", outcome(r, "T-NOTIN"));
        assertEquals("NEAR_MISS", outcome(r, "T-PARK"));
        // outside the policy's regions: out of scope, not a near miss
        assertEquals("NOT_LISTED", outcome(r, "T-REG"));
    }

    @Test
    void industryPrefixesAndSizeClassIn() {
        P p = new P();
        p.industry = "C3581";
        p.staff = 50;
        p.revenue = new BigDecimal("5000000");
        MatchResult r = p.match();
        assertEquals("ELIGIBLE", outcome(r, "T-IND"));
        assertEquals("SMALL", r.sizeClass());
        assertEquals("ELIGIBLE", outcome(r, "T-IN"));
        p.industry = "C3411";
        p.staff = 1200;
        p.revenue = new BigDecimal("500000000");
        r = p.match();
        assertEquals("NEAR_MISS", outcome(r, "T-IND"));
        assertEquals("LARGE", r.sizeClass());
        assertEquals("NEAR_MISS", outcome(r, "T-IN"));
        MatchResult.Unmet unmet = r.nearMisses().stream().filter(n -> n.policyId().equals("T-IN")).findFirst().orElseThrow().unmet().get(0);
        assertEquals("sizeClass", unmet.field());
        assertEquals("LARGE", unmet.actual());
        assertEquals("属于 SMALL、MICRO", unmet.required());
    }

    @Test
    void qualificationOnTheDateAndObtainedInTheWindow() {
        P p = new P();
        p.qualifications = List.of(new Qualification("HIGH_TECH", LocalDate.of(2026, 3, 1), LocalDate.of(2029, 2, 28)));
        assertEquals("ELIGIBLE", outcome(p.match(), "T-QUAL"));
        assertEquals("NEAR_MISS", outcome(p.match(LocalDate.of(2026, 2, 27)), "T-QUAL"), "not held yet");
        p.qualifications = List.of(new Qualification("HIGH_TECH", LocalDate.of(2025, 3, 1), null));
        assertEquals("NEAR_MISS", outcome(p.match(), "T-QUAL"), "obtained before the window");
        p.qualifications = List.of();
        assertEquals("NEAR_MISS", outcome(p.match(), "T-QUAL"), "known to hold none");
        p.qualifications = null;
        assertEquals("UNDETERMINED", outcome(p.match(), "T-QUAL"), "never supplied");
    }

    @Test
    void notListedReadsListingsInForce() {
        P p = new P();
        assertEquals("ELIGIBLE", outcome(p.match(), "T-LIST"));
        p.listings = List.of(new Listing("DISHONEST_DEBTOR", LocalDate.of(2026, 1, 1), null));
        assertEquals("NEAR_MISS", outcome(p.match(), "T-LIST"));
        p.listings = List.of(new Listing("DISHONEST_DEBTOR", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1)));
        assertEquals("ELIGIBLE", outcome(p.match(), "T-LIST"));
    }

    @Test
    void typedAttributes() {
        P p = new P();
        p.attributes = Map.of("greenFactory", true, "exportRevenue", new BigDecimal("1000000"));
        assertEquals("ELIGIBLE", outcome(p.match(), "T-ATTR"));
        p.attributes = Map.of("greenFactory", false, "exportRevenue", new BigDecimal("999999.99"));
        assertEquals("NEAR_MISS", outcome(p.match(), "T-ATTR"));
        assertEquals(2, p.match().nearMisses().stream().filter(n -> n.policyId().equals("T-ATTR")).findFirst().orElseThrow().unmet().size());
        p.attributes = Map.of("greenFactory", true);
        assertEquals("UNDETERMINED", outcome(p.match(), "T-ATTR"));
    }

    @Test
    void anyAndNotGroupsUseThreeValuedLogic() {
        P p = new P();
        p.staff = 20;
        p.qualifications = List.of(new Qualification("HIGH_TECH", LocalDate.of(2024, 1, 1), null));
        p.established = LocalDate.of(2018, 1, 1);
        p.rd = new BigDecimal("1");
        assertEquals("ELIGIBLE", outcome(p.match(), "T-GROUPS"));
        // any: one branch unknown, the other true → still met
        p.staff = null;
        assertEquals("ELIGIBLE", outcome(p.match(), "T-GROUPS"));
        // any: one branch unknown, the other false → unknown
        p.qualifications = List.of();
        assertEquals("UNDETERMINED", outcome(p.match(), "T-GROUPS"));
        // not: a new firm fails, reported as the NOT condition
        p.staff = 200;
        p.established = LocalDate.of(2026, 2, 1);
        MatchResult r = p.match();
        assertEquals("NEAR_MISS", outcome(r, "T-GROUPS"));
        assertEquals("不得:2026年后成立", r.nearMisses().stream().filter(n -> n.policyId().equals("T-GROUPS")).findFirst().orElseThrow().unmet().get(0).message());
        // three failures are not a near miss
        p.staff = 5;
        p.rd = BigDecimal.ZERO;
        assertEquals("NOT_LISTED", outcome(p.match(), "T-GROUPS"));
    }

    @Test
    void eachBenefitFormWithCitationsAndThePerEnterpriseCap() {
        P p = new P();
        p.staff = 50;
        p.industry = "C35";
        p.revenue = new BigDecimal("15000000");     // small industrial firm (1,500 万元), first tier
        p.rd = new BigDecimal("1234567.89");        // 10% → 123,456.79 (half-up)
        p.graduates = 2;                            // 2 × 1,500
        p.ui = new BigDecimal("10000.00");          // SME: 60%
        MatchResult.Eligible e = p.match().eligible().stream().filter(x -> x.policyId().equals("T-BENEFITS")).findFirst().orElseThrow();
        assertEquals(List.of("研发补助", "营收跨档", "吸纳毕业生", "中小微企业返还"), e.breakdown().stream().map(MatchResult.BreakdownLine::label).toList());
        assertEquals(List.of(new BigDecimal("123456.79"), new BigDecimal("100000.00"), new BigDecimal("3000.00"), new BigDecimal("6000.00")),
                e.breakdown().stream().map(MatchResult.BreakdownLine::amount).toList());
        assertEquals(new BigDecimal("232456.79"), e.amount());
        assertEquals("第五条", e.breakdown().get(0).source());

        p.revenue = new BigDecimal("25000000");     // second tier only
        p.rd = new BigDecimal("5000000");           // 500,000 capped at 300,000
        p.graduates = 10;                           // capped at 4,500
        e = p.match().eligible().stream().filter(x -> x.policyId().equals("T-BENEFITS")).findFirst().orElseThrow();
        // 300,000 + 200,000 + 4,500 + 6,000 = 510,500, capped at 350,000 per enterprise
        assertEquals(new BigDecimal("350000.00"), e.amount());
        assertEquals(new BigDecimal("-160500.00"), e.breakdown().get(e.breakdown().size() - 1).amount());
    }

    @Test
    void aBenefitNeedingUnknownDataIsUndeterminedNotZero() {
        P p = new P();
        p.staff = 50;
        p.industry = "C35";
        p.revenue = new BigDecimal("15000000");
        p.graduates = 0;
        p.ui = new BigDecimal("100");
        MatchResult r = p.match();
        assertEquals("UNDETERMINED", outcome(r, "T-BENEFITS"));
        assertEquals(List.of("rdExpense"), r.undetermined().stream().filter(u -> u.policyId().equals("T-BENEFITS")).findFirst().orElseThrow().missingFields());
    }

    @Test
    void policiesAreChosenByEffectiveDatesAsOfTheGivenDate() {
        P p = new P();
        p.staff = 5;
        assertEquals("ELIGIBLE", outcome(p.match(LocalDate.of(2026, 5, 31)), "T-OLD"));
        assertEquals("NOT_LISTED", outcome(p.match(LocalDate.of(2026, 6, 1)), "T-OLD"));
        assertEquals("NOT_LISTED", outcome(p.match(LocalDate.of(2026, 6, 1)), "T-LATER"));
        assertEquals("ELIGIBLE", outcome(p.match(LocalDate.of(2026, 6, 2)), "T-LATER"));
        assertEquals("NOT_LISTED", outcome(p.match(LocalDate.of(2025, 12, 31)), "T-GE"));
    }

    @ParameterizedTest(name = "{0} staff {1} revenue {2}万 → {3}")
    @CsvSource(nullValues = "-", value = {
            "C35,1000,40000,LARGE", "C35,999,40000,MEDIUM", "C35,1000,39999.99,MEDIUM",
            "C35,300,2000,MEDIUM", "C35,299,2000,SMALL", "C35,300,1999.99,SMALL",
            "C35,20,300,SMALL", "C35,19,300,MICRO", "C35,20,299.99,MICRO",
            "I65,300,10000,LARGE", "I65,100,1000,MEDIUM", "I65,10,50,SMALL", "I65,9,50,MICRO", "I65,10,49.99,MICRO",
            "F51,200,40000,LARGE", "F51,20,5000,MEDIUM", "F51,5,1000,SMALL", "F51,4,1000,MICRO",
            "F52,300,20000,LARGE", "F52,50,500,MEDIUM", "F52,10,100,SMALL", "F52,10,99.99,MICRO",
            "C35,25,-,-", "C35,5,-,MICRO", "C35,-,100,MICRO", "H61,50,5000,-"})
    void sizeClassTableOnItsBoundaries(String industry, Integer staff, BigDecimal revenueWan, String expected) {
        P p = new P();
        p.industry = industry;
        p.staff = staff;
        p.revenue = revenueWan == null ? null : revenueWan.multiply(new BigDecimal(10_000));
        MatchResult r = p.match();
        if (expected == null) {
            assertNull(r.sizeClass());
        } else {
            assertEquals(expected, r.sizeClass());
        }
    }

    @Test
    void eligibleAnswersExplainEachConditionWithItsSource() {
        P p = new P();
        p.staff = 12;
        MatchResult.Eligible e = p.match().eligible().stream().filter(x -> x.policyId().equals("T-GE")).findFirst().orElseThrow();
        assertEquals(List.of(new MatchResult.Reason("条件c", "第二条")), e.reasons());
        assertEquals(new BigDecimal("1000.00"), e.amount());
    }

    @Test
    void aBadPolicyFileIsRejectedWithItsFileAndField(@TempDir Path bad) throws IOException {
        Files.writeString(bad.resolve("T-BAD.yaml"), PolicyFiles.yaml("T-BAD", leaf("c", "field: insuredEmployees\nop: \"=>\"\nvalue: 10"), FIXED, ""));
        PolicyDataException e = assertThrows(PolicyDataException.class, () -> Policies.read(bad));
        assertTrue(e.getMessage().contains("T-BAD.yaml") && e.getMessage().contains("conditions.op") && e.getMessage().contains("=>"), e.getMessage());
        Files.writeString(bad.resolve("T-BAD.yaml"), PolicyFiles.yaml("T-BAD", leaf("c", "field: staffCount\nop: \">=\"\nvalue: 10"), FIXED, ""));
        e = assertThrows(PolicyDataException.class, () -> Policies.read(bad));
        assertTrue(e.getMessage().contains("conditions.field") && e.getMessage().contains("staffCount"), e.getMessage());
        Files.writeString(bad.resolve("T-BAD.yaml"), PolicyFiles.yaml("T-BAD", leaf("c", "field: insuredEmployees\nop: \">=\"\nvalue: 10"), FIXED, "").replace("kind: SUBSIDY", "kind: SUBSIDY\nbonus: 1"));
        e = assertThrows(PolicyDataException.class, () -> Policies.read(bad));
        assertTrue(e.getMessage().contains("T-BAD.yaml") && e.getMessage().contains("bonus"), e.getMessage());
    }
}
