package cn.zhiban.rulesets;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** An immutable version of a rule set; its files are in ruleset_file. */
@Entity
@Table(name = "ruleset_version")
public class RuleSetVersion extends PanacheEntityBase {
    public static final String VALIDATED = "VALIDATED";
    public static final String REJECTED = "REJECTED";

    @Id
    public Long id;
    public String ruleset;
    public int number;
    @Column(name = "version_id")
    public String versionId;
    @Column(name = "content_hash")
    public String contentHash;
    public String author;
    public String comment;
    public String origin;
    public String status;
    @JdbcTypeCode(SqlTypes.JSON)
    public ValidationReport report;
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "validated_at")
    public Instant validatedAt;
    @Column(name = "activated_at")
    public Instant activatedAt;

    static RuleSetVersion active(String ruleset) {
        return find("ruleset = ?1 and active = true", ruleset).firstResult();
    }

    static RuleSetVersion byNumber(String ruleset, int number) {
        return find("ruleset = ?1 and number = ?2", ruleset, number).firstResult();
    }
}
