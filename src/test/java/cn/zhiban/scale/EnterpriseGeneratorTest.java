package cn.zhiban.scale;

import cn.zhiban.enterprise.EnterpriseInput;
import cn.zhiban.enterprise.Qualification;
import cn.zhiban.enterprise.Uscc;
import cn.zhiban.web.Validation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnterpriseGeneratorTest {
    private static final int SAMPLE = 20_000;

    private static String csv(long seed, long from, long count) throws IOException {
        StringWriter out = new StringWriter();
        new EnterpriseGenerator(seed).writeCsv(out, from, count);
        return out.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sameSeedGivesTheSameRowsAndAnySliceRegeneratesAlone() throws IOException {
        String all = csv(42, 0, 2000);
        assertEquals(2000, all.lines().count());
        assertEquals(sha256(all), sha256(csv(42, 0, 2000)));
        String secondHalf = csv(42, 1000, 1000);
        assertEquals(all.lines().skip(1000).toList(), secondHalf.lines().toList());
    }

    @Test
    void differentSeedGivesDifferentRows() throws IOException {
        assertNotEquals(sha256(csv(42, 0, 2000)), sha256(csv(43, 0, 2000)));
    }

    @Test
    void usccsAreValidAndUnique() {
        EnterpriseGenerator generator = new EnterpriseGenerator(42);
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < SAMPLE; i++) {
            String uscc = generator.enterprise(i).uscc();
            assertEquals(Uscc.problem(uscc, Set.of()), java.util.Optional.empty(), uscc);
            assertTrue(seen.add(uscc), "duplicate " + uscc);
        }
    }

    @Test
    void profilesAreValidWithRealisticSpreads() {
        EnterpriseGenerator generator = new EnterpriseGenerator(42);
        Map<String, Function<EnterpriseInput, Object>> optional = new LinkedHashMap<>();
        optional.put("taxCreditGrade", EnterpriseInput::taxCreditGrade);
        optional.put("publicCreditGrade", EnterpriseInput::publicCreditGrade);
        optional.put("regionCode", EnterpriseInput::regionCode);
        optional.put("industryCode", EnterpriseInput::industryCode);
        optional.put("establishedOn", EnterpriseInput::establishedOn);
        optional.put("insuredEmployees", EnterpriseInput::insuredEmployees);
        optional.put("revenue", EnterpriseInput::revenue);
        optional.put("totalAssets", EnterpriseInput::totalAssets);
        optional.put("taxPaid", EnterpriseInput::taxPaid);
        optional.put("rdExpense", EnterpriseInput::rdExpense);
        optional.put("unemploymentInsurancePaid", EnterpriseInput::unemploymentInsurancePaid);
        optional.put("graduatesHired", EnterpriseInput::graduatesHired);
        optional.put("qualifications", EnterpriseInput::qualifications);
        optional.put("attributes", EnterpriseInput::attributes);
        Map<String, Integer> unknown = new LinkedHashMap<>();
        int qualificationsKnown = 0;
        int highTech = 0;
        int listed = 0;
        int chengdu = 0;
        int manufacturing = 0;
        int micro = 0;
        int inPark = 0;
        for (long i = 0; i < SAMPLE; i++) {
            EnterpriseInput e = generator.enterprise(i).profile();
            Validation v = new Validation();
            e.validate(v);
            assertFalse(v.hasErrors(), "enterprise " + i + " is not a valid profile: " + e);
            optional.forEach((field, get) -> unknown.merge(field, get.apply(e) == null ? 1 : 0, Integer::sum));
            if (e.qualifications() != null) {
                qualificationsKnown++;
                highTech += e.qualifications().stream().anyMatch(q -> q.type().equals("HIGH_TECH") && held(q)) ? 1 : 0;
            }
            listed += e.listings().isEmpty() ? 0 : 1;
            chengdu += e.regionCode() != null && e.regionCode().startsWith("5101") ? 1 : 0;
            manufacturing += e.industryCode() != null && e.industryCode().startsWith("C") ? 1 : 0;
            micro += e.insuredEmployees() != null && e.insuredEmployees() < 10 ? 1 : 0;
            inPark += e.park() != null ? 1 : 0;
        }
        unknown.forEach((field, count) -> assertBetween(field + " unknown", count, 0.04, 0.11));
        assertBetween("HIGH_TECH among known qualifications", highTech * (double) SAMPLE / qualificationsKnown, 0.025, 0.06);
        assertBetween("on a credit list", listed, 0.01, 0.02);
        assertBetween("in Chengdu", chengdu, 0.5, 0.75);
        assertBetween("manufacturing", manufacturing, 0.2, 0.35);
        assertBetween("under 10 insured staff", micro, 0.35, 0.6);
        assertBetween("in a park", inPark, 0.03, 0.15);
    }

    private static boolean held(Qualification q) {
        return !q.since().isAfter(EnterpriseGenerator.AS_OF) && (q.until() == null || !q.until().isBefore(EnterpriseGenerator.AS_OF));
    }

    private static void assertBetween(String what, double count, double low, double high) {
        double share = count / SAMPLE;
        assertTrue(share >= low && share <= high, what + ": " + share + " not in [" + low + ", " + high + "]");
    }

    @Test
    void rowsHaveEveryColumnOfTheTable() throws IOException {
        List<String> row = cn.zhiban.policydata.Csv.split(csv(42, 5, 1).strip());
        assertEquals(EnterpriseGenerator.COLUMNS.size(), row.size(), row.toString());
    }
}
