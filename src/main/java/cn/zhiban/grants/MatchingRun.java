package cn.zhiban.grants;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A run of one policy over every stored enterprise: progress, counts and errors. */
@Entity
@Table(name = "matching_run")
public class MatchingRun extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "policy_id")
    public String policyId;
    @Column(name = "as_of")
    public LocalDate asOf;
    public String state;
    public int total;
    public int done;
    public int eligible;
    public int offered;
    public int waitlisted;
    /** Eligible enterprises that already had this period's grant (from an earlier or concurrent run). */
    public int already;
    /** The last USCC whose chunk is committed: a resumed run continues after it. */
    public String checkpoint;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> errors = new ArrayList<>();
    @Column(name = "ruleset_version")
    public String rulesetVersion;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
}
