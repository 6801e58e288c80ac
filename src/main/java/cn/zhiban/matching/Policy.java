package cn.zhiban.matching;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;

/** A policy as loaded from policy-data/policies; grants and runs refer to it. Retired, never deleted. */
@Entity
@Table(name = "policy")
public class Policy extends PanacheEntityBase {
    @Id
    public String id;
    @JdbcTypeCode(SqlTypes.JSON)
    public PolicyDefinition definition;
    public BigDecimal budget;
    public boolean active;
    @Column(name = "source_file")
    public String sourceFile;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
