package cn.zhiban.acceptance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/v1/acceptance/decisions/{id}}: the stored answer, its input and where its obligations stand. */
public record DecisionRecord(UUID decisionId, String itemCode, String applicantUscc, LocalDate applicationDate,
                             String status, Instant createdAt, DecisionRequest input, DecisionAnswer answer,
                             List<ObligationLine> obligations) {

    public record ObligationLine(String kind, String materialCode, LocalDate dueDate, String state, LocalDate resolvedOn) {
    }

    static DecisionRecord of(Decision d, List<Obligation> obligations) {
        return new DecisionRecord(d.id, d.itemCode, d.applicantUscc, d.applicationDate, d.status, d.createdAt,
                d.request, d.answer,
                obligations.stream().map(o -> new ObligationLine(o.kind, o.materialCode, o.dueDate, o.state, o.resolvedOn)).toList());
    }
}
