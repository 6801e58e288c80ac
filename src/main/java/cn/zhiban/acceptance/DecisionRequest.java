package cn.zhiban.acceptance;

import java.time.LocalDate;
import java.util.List;

/** The body of {@code POST /api/v1/acceptance/decisions}: an application for a service item. */
public record DecisionRequest(String itemCode, String applicantUscc, LocalDate applicationDate,
                              List<String> submittedMaterials, List<String> pledgedMaterials,
                              Boolean pledgeSiteInspection) {

    List<String> submitted() {
        return submittedMaterials == null ? List.of() : submittedMaterials;
    }

    List<String> pledged() {
        return pledgedMaterials == null ? List.of() : pledgedMaterials;
    }

    boolean pledgesSiteInspection() {
        return Boolean.TRUE.equals(pledgeSiteInspection);
    }
}
