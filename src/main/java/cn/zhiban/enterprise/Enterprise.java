package cn.zhiban.enterprise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An applicant, keyed by USCC, with the credit facts its clients report. History lives in {@link CreditEvent}. */
@Entity
@Table(name = "enterprise")
public class Enterprise extends PanacheEntityBase {
    @Id
    public String uscc;
    public String name;
    @Column(name = "tax_credit_grade")
    public String taxCreditGrade;
    @Column(name = "public_credit_grade")
    public String publicCreditGrade;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Listing> listings;
    @Column(name = "credit_repaired_on")
    public LocalDate creditRepairedOn;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
