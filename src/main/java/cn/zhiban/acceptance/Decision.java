package cn.zhiban.acceptance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A stored decision: the input as received, the answer as returned, the rule-set version that made
 * it, and the case status that obligations move (ACCEPTED → TERMINATED / REVOKED).
 */
@Entity
@Table(name = "acceptance_decision")
public class Decision extends PanacheEntityBase {
    public static final String ACCEPTED = "ACCEPTED";
    public static final String NOT_ACCEPTED = "NOT_ACCEPTED";
    /** A supplement was not received in time: the case ends. */
    public static final String TERMINATED = "TERMINATED";
    /** A pledge was found false: the decision is revoked. */
    public static final String REVOKED = "REVOKED";

    @Id
    public UUID id;
    @Column(name = "item_code")
    public String itemCode;
    @Column(name = "applicant_uscc")
    public String applicantUscc;
    @Column(name = "application_date")
    public LocalDate applicationDate;
    public String mode;
    @Column(name = "credit_band")
    public String creditBand;
    public String status;
    @JdbcTypeCode(SqlTypes.JSON)
    public DecisionRequest request;
    @JdbcTypeCode(SqlTypes.JSON)
    public DecisionAnswer answer;
    /** The credit facts and catalogue entry as they were, so the decision can be replayed exactly. */
    @JdbcTypeCode(SqlTypes.JSON)
    public DecisionInputs inputs;
    @Column(name = "ruleset_version")
    public String rulesetVersion;
    @Column(name = "created_at")
    public Instant createdAt;
}
