package cn.zhiban.grants;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A 免申即享 grant: offered without an application, then confirmed (with the bank account) and
 * disbursed, or declined, or expired. One per enterprise, policy and period (a database constraint).
 */
@Entity
@Table(name = "grant_offer")
public class Grant extends PanacheEntityBase {
    public static final String OFFERED = "OFFERED";
    public static final String WAITLISTED = "WAITLISTED";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String DECLINED = "DECLINED";
    public static final String EXPIRED = "EXPIRED";
    public static final String DISBURSED = "DISBURSED";

    @Id
    public UUID id;
    @Column(name = "policy_id")
    public String policyId;
    public String uscc;
    public String period;
    public BigDecimal amount;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<BreakdownItem> breakdown;
    public String state;
    @Column(name = "waitlist_rank")
    public Integer waitlistRank;
    @Column(name = "confirm_by")
    public LocalDate confirmBy;
    @Column(name = "bank_account")
    public String bankAccount;
    @Column(name = "run_id")
    public UUID runId;
    @Column(name = "ruleset_version")
    public String rulesetVersion;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public record BreakdownItem(String label, BigDecimal amount, String source) {
    }
}
