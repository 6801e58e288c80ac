package cn.zhiban.acceptance.facts;

import java.time.LocalDate;

/** The applicant as the rules see it; grades and listings are separate facts. */
public class Applicant {
    private final String uscc;
    private final LocalDate creditRepairedOn;

    public Applicant(String uscc, LocalDate creditRepairedOn) {
        this.uscc = uscc;
        this.creditRepairedOn = creditRepairedOn;
    }

    public String getUscc() { return uscc; }
    public LocalDate getCreditRepairedOn() { return creditRepairedOn; }

    /** True when credit was repaired strictly after {@code date}. */
    public boolean repairedAfter(LocalDate date) {
        return creditRepairedOn != null && creditRepairedOn.isAfter(date);
    }
}
