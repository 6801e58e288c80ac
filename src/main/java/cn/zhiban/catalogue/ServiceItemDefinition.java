package cn.zhiban.catalogue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A service item as policy staff write it in policy-data/service-items/*.yaml, and as the API
 * returns it. Deadlines are in working days.
 */
public record ServiceItemDefinition(
        String code, String name, String department, String legalBasis,
        String riskLevel, String difficulty,
        Integer statutoryDays, Integer promisedDays,
        List<String> allowedModes,
        Integer supplementDays, Integer verificationDays,
        List<Material> materials, SiteInspection siteInspection,
        String notes) {

    public static final Set<String> RISK_LEVELS = Set.of("LOW", "MEDIUM", "HIGH");
    public static final Set<String> DIFFICULTIES = Set.of("SIMPLE", "MODERATE", "COMPLEX");
    public static final Set<String> RELIEF_MODES = Set.of("CONDITIONAL_ACCEPTANCE", "MATERIAL_PLEDGE", "SITE_INSPECTION_PLEDGE", "APPROVAL_WAIVER");

    public record Material(String code, String name, Boolean core, Boolean missable, Boolean pledgeable) {
    }

    public record SiteInspection(Boolean required, Boolean pledgeable, Integer inspectWithinDays) {
    }

    public Material material(String materialCode) {
        return materials.stream().filter(m -> m.code().equals(materialCode)).findFirst().orElse(null);
    }

    /**
     * Everything wrong with this entry, each as "field: reason". Checks shape and consistency
     * only; what a mode means is decided by the rules, not here.
     */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (code == null || !code.matches("[A-Z]{2,5}-[A-Z]{2,6}-\\d{3}")) {
            p.add("code: 应形如 SCJG-SPJY-001,实际为 " + code);
        }
        requireText(p, "name", name);
        requireText(p, "department", department);
        requireText(p, "legalBasis", legalBasis);
        if (riskLevel == null || !RISK_LEVELS.contains(riskLevel)) {
            p.add("riskLevel: 应为 LOW / MEDIUM / HIGH 之一,实际为 " + riskLevel);
        }
        if (difficulty == null || !DIFFICULTIES.contains(difficulty)) {
            p.add("difficulty: 应为 SIMPLE / MODERATE / COMPLEX 之一,实际为 " + difficulty);
        }
        requirePositive(p, "statutoryDays", statutoryDays);
        requirePositive(p, "promisedDays", promisedDays);
        if (statutoryDays != null && promisedDays != null && promisedDays > statutoryDays) {
            p.add("promisedDays: 承诺时限(" + promisedDays + ")不得超过法定时限(" + statutoryDays + ")");
        }
        requirePositive(p, "supplementDays", supplementDays);
        requirePositive(p, "verificationDays", verificationDays);
        if (allowedModes == null) {
            p.add("allowedModes: 必填(可为空列表 [])");
        } else {
            for (String mode : allowedModes) {
                if (mode == null || !RELIEF_MODES.contains(mode)) {
                    p.add("allowedModes: 未知的减免方式 " + mode + ",应为 " + RELIEF_MODES + " 之一");
                }
            }
        }
        if (materials == null || materials.isEmpty()) {
            p.add("materials: 至少需要一份材料");
        } else {
            Set<String> codes = new HashSet<>();
            for (int i = 0; i < materials.size(); i++) {
                Material m = materials.get(i);
                String at = "materials[" + i + "]";
                if (m == null) {
                    p.add(at + ": 不能为空");
                    continue;
                }
                if (m.code() == null || !m.code().matches("[A-Z0-9]{1,10}")) {
                    p.add(at + ".code: 应为大写字母和数字,如 M01");
                } else if (!codes.add(m.code())) {
                    p.add(at + ".code: 材料编码 " + m.code() + " 重复");
                }
                requireText(p, at + ".name", m.name());
                if (m.core() == null || m.missable() == null || m.pledgeable() == null) {
                    p.add(at + ": core、missable、pledgeable 均为必填");
                } else if (m.core() && m.missable()) {
                    p.add(at + ".missable: 核心材料不可容缺");
                }
            }
        }
        if (siteInspection == null || siteInspection.required() == null || siteInspection.pledgeable() == null
                || siteInspection.inspectWithinDays() == null) {
            p.add("siteInspection: required、pledgeable、inspectWithinDays 均为必填");
        } else if (siteInspection.required() && siteInspection.inspectWithinDays() < 1) {
            p.add("siteInspection.inspectWithinDays: 需要现场核查时应至少为1个工作日");
        } else if (!siteInspection.required() && siteInspection.pledgeable()) {
            p.add("siteInspection.pledgeable: 不需要现场核查的事项不能承诺替代核查");
        }
        return p;
    }

    private static void requireText(List<String> p, String field, String value) {
        if (value == null || value.isBlank()) {
            p.add(field + ": 必填");
        }
    }

    private static void requirePositive(List<String> p, String field, Integer value) {
        if (value == null || value < 1) {
            p.add(field + ": 应为不小于1的整数(工作日),实际为 " + value);
        }
    }
}
