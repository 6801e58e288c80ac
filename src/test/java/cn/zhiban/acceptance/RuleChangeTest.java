package cn.zhiban.acceptance;

import cn.zhiban.support.Api;
import cn.zhiban.support.WithTestPolicies;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * A policy change made only in rules/ — band C may use material pledges — changes the answer after a
 * restart, with no Java edit. (CreditMatrixTest shows band C refused under the shipped table.)
 */
@QuarkusTest
@TestProfile(RuleChangeTest.BandCMayPledge.class)
class RuleChangeTest {

    public static class BandCMayPledge implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path copy = Path.of("target", "rules-band-c-may-pledge");
            WithTestPolicies.copyTree(Path.of("rules"), copy);
            Path table = copy.resolve("acceptance/band-reliefs.drl.csv");
            try {
                String csv = Files.readString(table, StandardCharsets.UTF_8);
                String changed = csv.replace("ACC-BAND-C-MATERIAL,85,C,MATERIAL_PLEDGE,✘,", "ACC-BAND-C-MATERIAL,85,C,MATERIAL_PLEDGE,✔,");
                if (changed.equals(csv)) {
                    throw new IllegalStateException("the band C material-pledge row was not found in " + table);
                }
                Files.writeString(table, changed, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("zhiban.rules.dir", copy.toString());
        }
    }

    @Test
    void bandCNowGetsAMaterialPledge() {
        Api.decide("WJ-GGCS-002", Api.applicant("C", "A"), "2026-06-01", List.of("M01", "M03", "M04"), List.of("M02"), false)
                .statusCode(201)
                .body("creditBand", equalTo("C"))
                .body("mode", equalTo("MATERIAL_PLEDGE"))
                .body("materials.find { it.code == 'M02' }.treatment", equalTo("PLEDGED"))
                // a different rule set, so a different version is recorded with the decision
                .body("rulesetVersion", startsWith("acceptance@"));
    }

    @Test
    void bandCStillMayNotUseASiteInspectionPledge() {
        Api.decide("WJ-GGCS-002", Api.applicant("C", "A"), "2026-06-01", List.of("M01", "M02", "M03", "M04"), List.of(), true)
                .statusCode(201)
                .body("siteInspection.treatment", not(equalTo("PLEDGED")));
    }

}
