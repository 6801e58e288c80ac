package cn.zhiban.acceptance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Something a decision leaves to be done by a date: a SUPPLEMENT the applicant owes, or a pledge the
 * agency must verify (MATERIAL_PLEDGE for a pledged material, SITE_INSPECTION for a pledged inspection).
 */
@Entity
@Table(name = "obligation")
public class Obligation extends PanacheEntityBase {
    public static final String SUPPLEMENT = "SUPPLEMENT";
    public static final String MATERIAL_PLEDGE = "MATERIAL_PLEDGE";
    public static final String SITE_INSPECTION = "SITE_INSPECTION";

    public static final String PENDING = "PENDING";
    public static final String FULFILLED = "FULFILLED";
    public static final String OVERDUE = "OVERDUE";
    public static final String VERIFIED_TRUE = "VERIFIED_TRUE";
    public static final String VERIFIED_FALSE = "VERIFIED_FALSE";
    /** The case ended for another reason before this was done. */
    public static final String CANCELLED = "CANCELLED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "decision_id")
    public UUID decisionId;
    public String kind;
    @Column(name = "material_code")
    public String materialCode;
    @Column(name = "due_date")
    public LocalDate dueDate;
    public String state;
    @Column(name = "resolved_on")
    public LocalDate resolvedOn;

    public static List<Obligation> of(UUID decisionId) {
        return list("decisionId = ?1 order by id", decisionId);
    }

    boolean isPledge() {
        return MATERIAL_PLEDGE.equals(kind) || SITE_INSPECTION.equals(kind);
    }
}
