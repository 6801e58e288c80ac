package cn.zhiban.policydata;

import cn.zhiban.catalogue.CatalogueLoader;
import cn.zhiban.catalogue.CatalogueLoader.LoadedItem;
import cn.zhiban.catalogue.ServiceItemFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyDataFilesTest {
    @TempDir
    Path dir;

    /** One valid item in the shape of anchor-items.yaml; riskLevel is on line 7. */
    private static String item(String code) {
        return """
                items:
                  - code: %s
                    name: 食品经营许可(新办)
                    department: 市场监管
                    legalBasis: 《中华人民共和国食品安全法》第三十五条
                    difficulty: MODERATE
                    riskLevel: MEDIUM
                    statutoryDays: 20
                    promisedDays: 10
                    allowedModes: [CONDITIONAL_ACCEPTANCE, MATERIAL_PLEDGE]
                    supplementDays: 5
                    verificationDays: 20
                    materials:
                      - {code: M01, name: 食品经营许可申请书, core: true, missable: false, pledgeable: false}
                      - {code: M02, name: 食品安全管理制度文本, core: false, missable: true, pledgeable: true}
                    siteInspection: {required: true, pledgeable: true, inspectWithinDays: 30}
                    notes: 测试用
                """.formatted(code);
    }

    private String loadFails(String fileName, String content) throws IOException {
        Files.writeString(dir.resolve(fileName), content);
        PolicyDataException e = assertThrows(PolicyDataException.class, () -> CatalogueLoader.read(dir));
        assertTrue(e.getMessage().contains(fileName), e.getMessage());
        return e.getMessage();
    }

    @Test
    void validItemLoads() throws IOException {
        Files.writeString(dir.resolve("items.yaml"), item("SCJG-SPJY-001"));
        Map<String, LoadedItem> items = CatalogueLoader.read(dir);
        assertEquals(Set.of("SCJG-SPJY-001"), items.keySet());
        assertEquals("items.yaml", items.get("SCJG-SPJY-001").file());
        assertEquals(10, items.get("SCJG-SPJY-001").definition().promisedDays());
    }

    @Test
    void unknownFieldIsNamedWithItsLine() throws IOException {
        String message = loadFails("typo.yaml", item("SCJG-SPJY-001").replace("    riskLevel: MEDIUM\n", "    riskLevel: MEDIUM\n    riskLevl: HIGH\n"));
        // The field is on line 8, but Jackson buffers unknown fields of records and reports the item's end,
        // so only the presence of a line is asserted here.
        assertTrue(message.matches("(?s).*items\\[0]\\.riskLevl \\(第\\d+行\\): 未知字段.*"), message);
    }

    @Test
    void misspelledRequiredFieldStopsTheLoad() throws IOException {
        String message = loadFails("renamed.yaml", item("SCJG-SPJY-001").replace("riskLevel:", "riskLevl:"));
        assertTrue(message.contains("riskLevel") && message.contains("行)"), message);
    }

    @Test
    void unknownRiskLevelIsRejected() throws IOException {
        String message = loadFails("risk.yaml", item("SCJG-SPJY-001").replace("riskLevel: MEDIUM", "riskLevel: EXTREME"));
        assertTrue(message.contains("items[0] (SCJG-SPJY-001): riskLevel: 应为 LOW / MEDIUM / HIGH 之一,实际为 EXTREME"), message);
    }

    @Test
    void coreMaterialCannotBeMissable() throws IOException {
        String message = loadFails("core.yaml", item("SCJG-SPJY-001").replace("core: true, missable: false", "core: true, missable: true"));
        assertTrue(message.contains("materials[0].missable: 核心材料不可容缺"), message);
    }

    @Test
    void duplicateCodeAcrossFilesNamesBothFiles() throws IOException {
        Files.writeString(dir.resolve("a-first.yaml"), item("SCJG-SPJY-001"));
        String message = loadFails("b-second.yaml", item("SCJG-SPJY-001"));
        assertTrue(message.contains("items[0].code: 事项编码 SCJG-SPJY-001 已在 a-first.yaml 中定义"), message);
    }

    @Test
    void fileThatIsNotYamlIsRejected() throws IOException {
        String message = loadFails("broken.yaml", "@@@ 这不是 YAML ]]]\n");
        assertTrue(message.contains("不是合法的 YAML"), message);
    }

    @Test
    void promisedDaysMustNotExceedStatutoryDays() throws IOException {
        String message = loadFails("days.yaml", item("SCJG-SPJY-001").replace("promisedDays: 10", "promisedDays: 25"));
        assertTrue(message.contains("promisedDays: 承诺时限(25)不得超过法定时限(20)"), message);
    }

    @Test
    void realCatalogueLoads() {
        Map<String, LoadedItem> items = CatalogueLoader.read(Path.of("policy-data/service-items"));
        assertTrue(items.size() >= 30, "items: " + items.size());
        Set<String> departments = items.values().stream().map(i -> i.definition().department()).collect(Collectors.toSet());
        assertTrue(departments.size() >= 6, "departments: " + departments);
        // Every entry of every file is in the map under its own code: no code was defined twice.
        int entries = PolicyDataFiles.yamlFiles(Path.of("policy-data/service-items")).stream()
                .mapToInt(f -> PolicyDataFiles.read(f, ServiceItemFile.class).items().size()).sum();
        assertEquals(entries, items.size());
        items.forEach((code, loaded) -> assertEquals(code, loaded.definition().code()));
        assertEquals("anchor-items.yaml", items.get("SCJG-SPJY-001").file());
    }

    @Test
    void explicitNullsAreReportedNotCrashed() throws IOException {
        assertTrue(loadFails("null-risk.yaml", item("SCJG-SPJY-001").replace("riskLevel: MEDIUM", "riskLevel: ~"))
                .contains("riskLevel: 应为 LOW / MEDIUM / HIGH 之一,实际为 null"));
        Files.delete(dir.resolve("null-risk.yaml"));
        assertTrue(loadFails("null-material.yaml", item("SCJG-SPJY-001").replace("      - {code: M01", "      - ~\n      - {code: M01"))
                .contains("materials[0]: 不能为空"));
        Files.delete(dir.resolve("null-material.yaml"));
        assertTrue(loadFails("null-item.yaml", "items:\n  -\n").contains("items[0]: 不能为空"));
    }
}
