package cn.zhiban.matching.facts;

import java.time.LocalDate;

/** A credit-list entry of an enterprise; in force while {@code until} is null or later than the date. */
public class CreditListing {
    private final String uscc;
    private final String list;
    private final LocalDate since;
    private final LocalDate until;

    public CreditListing(String uscc, String list, LocalDate since, LocalDate until) {
        this.uscc = uscc;
        this.list = list;
        this.since = since;
        this.until = until;
    }

    public String getUscc() { return uscc; }
    public String getList() { return list; }

    public boolean inForceOn(LocalDate date) {
        return !since.isAfter(date) && (until == null || until.isAfter(date));
    }
}
