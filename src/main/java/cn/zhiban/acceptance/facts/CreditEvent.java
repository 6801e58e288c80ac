package cn.zhiban.acceptance.facts;

import java.time.LocalDate;

/** History the service wrote itself: FALSE_PLEDGE or OVERDUE_SUPPLEMENT, on a date, from a decision. */
public class CreditEvent {
    private final String kind;
    private final LocalDate date;
    private final String decisionId;

    public CreditEvent(String kind, LocalDate date, String decisionId) {
        this.kind = kind;
        this.date = date;
        this.decisionId = decisionId;
    }

    public String getKind() { return kind; }
    public LocalDate getDate() { return date; }
    public String getDecisionId() { return decisionId; }
}
