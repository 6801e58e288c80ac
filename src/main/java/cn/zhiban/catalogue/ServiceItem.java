package cn.zhiban.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/** A catalogue entry as loaded from policy-data; {@code active} is false once its file no longer lists it. */
@Entity
@Table(name = "service_item")
public class ServiceItem extends PanacheEntityBase {
    @Id
    public String code;
    public String name;
    public String department;
    @Column(name = "risk_level")
    public String riskLevel;
    public boolean active;
    @JdbcTypeCode(SqlTypes.JSON)
    public ServiceItemDefinition definition;
    @Column(name = "source_file")
    public String sourceFile;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<ServiceItem> listActive(String department) {
        return department == null
                ? list("active = true order by code")
                : list("active = true and department = ?1 order by code", department);
    }
}
