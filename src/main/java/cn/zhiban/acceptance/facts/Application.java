package cn.zhiban.acceptance.facts;

import java.time.LocalDate;

/** The application being decided. The decision is taken on {@code applicationDate}. */
public class Application {
    private final String itemCode;
    private final LocalDate applicationDate;
    private final boolean pledgeSiteInspection;

    public Application(String itemCode, LocalDate applicationDate, boolean pledgeSiteInspection) {
        this.itemCode = itemCode;
        this.applicationDate = applicationDate;
        this.pledgeSiteInspection = pledgeSiteInspection;
    }

    public String getItemCode() { return itemCode; }
    public LocalDate getApplicationDate() { return applicationDate; }
    public boolean isPledgeSiteInspection() { return pledgeSiteInspection; }
}
