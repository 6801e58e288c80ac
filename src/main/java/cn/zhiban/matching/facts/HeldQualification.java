package cn.zhiban.matching.facts;

import java.time.LocalDate;

/** A qualification an enterprise holds (高新技术企业, 专精特新 …) from {@code since} to {@code until}. */
public class HeldQualification {
    private final String uscc;
    private final String type;
    private final LocalDate since;
    private final LocalDate until;

    public HeldQualification(String uscc, String type, LocalDate since, LocalDate until) {
        this.uscc = uscc;
        this.type = type;
        this.since = since;
        this.until = until;
    }

    public String getUscc() { return uscc; }
    public String getType() { return type; }
    public LocalDate getSince() { return since; }
    public LocalDate getUntil() { return until; }

    public boolean heldOn(LocalDate date) {
        return !since.isAfter(date) && (until == null || !until.isBefore(date));
    }

    /** Obtained within [from, to]; a null bound is open. */
    public boolean obtainedBetween(LocalDate from, LocalDate to) {
        return (from == null || !since.isBefore(from)) && (to == null || !since.isAfter(to));
    }
}
