package cn.zhiban.enterprise;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An enterprise as the API returns it: its credit facts and the history the service wrote. */
public record EnterpriseView(String uscc, String name, String taxCreditGrade, String publicCreditGrade,
                             List<Listing> listings, LocalDate creditRepairedOn, List<HistoryEntry> history,
                             Instant createdAt, Instant updatedAt) {

    public record HistoryEntry(String kind, LocalDate date, UUID decisionId) {
    }

    static EnterpriseView of(Enterprise e, List<CreditEvent> events) {
        return new EnterpriseView(e.uscc, e.name, e.taxCreditGrade, e.publicCreditGrade, e.listings,
                e.creditRepairedOn,
                events.stream().map(ev -> new HistoryEntry(ev.kind, ev.occurredOn, ev.decisionId)).toList(),
                e.createdAt, e.updatedAt);
    }
}
