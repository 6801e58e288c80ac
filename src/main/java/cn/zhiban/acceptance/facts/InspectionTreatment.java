package cn.zhiban.acceptance.facts;

import java.time.LocalDate;

/** The on-site inspection: NOT_REQUIRED, PLEDGED or REQUIRED_BEFORE_APPROVAL, with its due date. */
public class InspectionTreatment {
    private final String treatment;
    private LocalDate dueDate;

    public InspectionTreatment(String treatment) { this.treatment = treatment; }

    public String getTreatment() { return treatment; }
    public LocalDate getDueDate() { return dueDate; }
    public void setDueDate(LocalDate dueDate) { this.dueDate = dueDate; }
}
