package cn.zhiban.enterprise;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An enterprise as the API returns it: what was reported (null = unknown) and the history the service wrote. */
public record EnterpriseView(String uscc, String name, String taxCreditGrade, String publicCreditGrade,
                             List<Listing> listings, LocalDate creditRepairedOn,
                             String regionCode, String park, String industryCode, LocalDate establishedOn,
                             Integer insuredEmployees, BigDecimal revenue, BigDecimal totalAssets, BigDecimal taxPaid,
                             BigDecimal rdExpense, BigDecimal unemploymentInsurancePaid, Integer graduatesHired,
                             List<Qualification> qualifications, Map<String, Object> attributes,
                             List<HistoryEntry> history, Instant createdAt, Instant updatedAt) {

    public record HistoryEntry(String kind, LocalDate date, UUID decisionId) {
    }

    static EnterpriseView of(Enterprise e, List<CreditEvent> events) {
        return new EnterpriseView(e.uscc, e.name, e.taxCreditGrade, e.publicCreditGrade, e.listings, e.creditRepairedOn,
                e.regionCode, e.park, e.industryCode, e.establishedOn, e.insuredEmployees, e.revenue, e.totalAssets,
                e.taxPaid, e.rdExpense, e.unemploymentInsurancePaid, e.graduatesHired, e.qualifications, e.attributes,
                events.stream().map(ev -> new HistoryEntry(ev.kind, ev.occurredOn, ev.decisionId)).toList(),
                e.createdAt, e.updatedAt);
    }
}
