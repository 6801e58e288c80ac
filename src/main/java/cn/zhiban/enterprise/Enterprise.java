package cn.zhiban.enterprise;

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
import java.util.Map;

/**
 * An enterprise keyed by USCC: the credit facts and business profile its clients report (null =
 * unknown). The history the service writes lives in {@link CreditEvent}.
 */
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
    @Column(name = "region_code")
    public String regionCode;
    public String park;
    @Column(name = "industry_code")
    public String industryCode;
    @Column(name = "established_on")
    public LocalDate establishedOn;
    @Column(name = "insured_employees")
    public Integer insuredEmployees;
    public BigDecimal revenue;
    @Column(name = "total_assets")
    public BigDecimal totalAssets;
    @Column(name = "tax_paid")
    public BigDecimal taxPaid;
    @Column(name = "rd_expense")
    public BigDecimal rdExpense;
    @Column(name = "unemployment_insurance_paid")
    public BigDecimal unemploymentInsurancePaid;
    @Column(name = "graduates_hired")
    public Integer graduatesHired;
    /** Null when never supplied (unknown); an empty list when the enterprise holds none. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Qualification> qualifications;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> attributes;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
