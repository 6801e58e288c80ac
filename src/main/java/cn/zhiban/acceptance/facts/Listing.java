package cn.zhiban.acceptance.facts;

import java.time.LocalDate;

/** A credit-list entry (DISHONEST_DEBTOR, SERIOUS_DISHONESTY, ABNORMAL_OPERATION); {@code until} null = open. */
public class Listing {
    private final String list;
    private final LocalDate since;
    private final LocalDate until;

    public Listing(String list, LocalDate since, LocalDate until) {
        this.list = list;
        this.since = since;
        this.until = until;
    }

    public String getList() { return list; }
    public LocalDate getSince() { return since; }
    public LocalDate getUntil() { return until; }

    /** In force on {@code date}: started on or before it and not ended by it. */
    public boolean inForceOn(LocalDate date) {
        return !since.isAfter(date) && (until == null || until.isAfter(date));
    }
}
