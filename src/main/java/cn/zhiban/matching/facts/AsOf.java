package cn.zhiban.matching.facts;

import java.time.LocalDate;

/** The date the policies are evaluated as of (not the wall clock). */
public class AsOf {
    private final LocalDate date;

    public AsOf(LocalDate date) { this.date = date; }

    public LocalDate getDate() { return date; }
}
