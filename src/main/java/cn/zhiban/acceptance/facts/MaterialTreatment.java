package cn.zhiban.acceptance.facts;

import java.time.LocalDate;

/** How one material is treated: SUBMITTED, PLEDGED, SUPPLEMENT_LATER or BLOCKING, with its due date. */
public class MaterialTreatment {
    private final String code;
    private final String treatment;
    private LocalDate dueDate;

    public MaterialTreatment(String code, String treatment) {
        this.code = code;
        this.treatment = treatment;
    }

    public String getCode() { return code; }
    public String getTreatment() { return treatment; }
    public LocalDate getDueDate() { return dueDate; }
    public void setDueDate(LocalDate dueDate) { this.dueDate = dueDate; }
}
