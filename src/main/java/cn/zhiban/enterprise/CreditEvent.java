package cn.zhiban.enterprise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Credit history the service writes itself (FALSE_PLEDGE, OVERDUE_SUPPLEMENT). Append-only; at most
 * one of each kind per decision, enforced by the database.
 */
@Entity
@Table(name = "credit_event")
public class CreditEvent extends PanacheEntityBase {
    public static final String FALSE_PLEDGE = "FALSE_PLEDGE";
    public static final String OVERDUE_SUPPLEMENT = "OVERDUE_SUPPLEMENT";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String uscc;
    public String kind;
    @Column(name = "occurred_on")
    public LocalDate occurredOn;
    @Column(name = "decision_id")
    public UUID decisionId;
    @Column(name = "recorded_at")
    public Instant recordedAt;

    public static List<CreditEvent> of(String uscc) {
        return list("uscc = ?1 order by occurredOn, id", uscc);
    }

    public static CreditEvent record(String uscc, String kind, LocalDate occurredOn, UUID decisionId, Clock clock) {
        CreditEvent event = new CreditEvent();
        event.uscc = uscc;
        event.kind = kind;
        event.occurredOn = occurredOn;
        event.decisionId = decisionId;
        event.recordedAt = clock.instant();
        event.persist();
        return event;
    }
}
