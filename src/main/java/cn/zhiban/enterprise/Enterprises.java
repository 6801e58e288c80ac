package cn.zhiban.enterprise;

import jakarta.inject.Inject;
import cn.zhiban.policydata.PolicyDataException;
import cn.zhiban.policydata.PolicyDataFiles;
import cn.zhiban.web.ApiProblem;
import cn.zhiban.web.FieldError;
import cn.zhiban.web.Validation;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Applicants and their credit facts. */
@ApplicationScoped
public class Enterprises {
    @Inject
    Clock clock;
    private volatile Set<String> acceptedUsccExceptions = Set.of();

    public Optional<String> usccProblem(String uscc) {
        return Uscc.problem(uscc, acceptedUsccExceptions);
    }

    public record Saved(EnterpriseView view, boolean created) {
    }

    /** Creates or replaces the reported credit facts; the service-written history is kept. */
    @Transactional
    public Saved put(String uscc, EnterpriseInput input, String usccField) {
        Validation v = new Validation();
        usccProblem(uscc).ifPresent(reason -> v.reject(usccField, reason));
        if (input == null) {
            v.reject("(body)", "请求体必填");
        } else {
            input.validate(v);
        }
        v.throwIfInvalid();
        // One statement, so two concurrent first PUTs of the same code cannot collide; an unchanged
        // profile is not rewritten (updated_at stays), which makes reloading demo data a no-op.
        List<?> result = Panache.getEntityManager().createNativeQuery("""
                        insert into enterprise (uscc, name, tax_credit_grade, public_credit_grade, listings, credit_repaired_on,
                            region_code, park, industry_code, established_on, insured_employees, revenue, total_assets, tax_paid,
                            rd_expense, unemployment_insurance_paid, graduates_hired, qualifications, attributes, created_at, updated_at)
                        values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                            cast(?18 as jsonb), cast(?19 as jsonb), ?20, ?20)
                        on conflict (uscc) do update set name = excluded.name, tax_credit_grade = excluded.tax_credit_grade,
                            public_credit_grade = excluded.public_credit_grade, listings = excluded.listings,
                            credit_repaired_on = excluded.credit_repaired_on, region_code = excluded.region_code,
                            park = excluded.park, industry_code = excluded.industry_code, established_on = excluded.established_on,
                            insured_employees = excluded.insured_employees, revenue = excluded.revenue,
                            total_assets = excluded.total_assets, tax_paid = excluded.tax_paid, rd_expense = excluded.rd_expense,
                            unemployment_insurance_paid = excluded.unemployment_insurance_paid,
                            graduates_hired = excluded.graduates_hired, qualifications = excluded.qualifications,
                            attributes = excluded.attributes, updated_at = excluded.updated_at
                        where (enterprise.name, enterprise.tax_credit_grade, enterprise.public_credit_grade, enterprise.listings,
                               enterprise.credit_repaired_on, enterprise.region_code, enterprise.park, enterprise.industry_code,
                               enterprise.established_on, enterprise.insured_employees, enterprise.revenue, enterprise.total_assets,
                               enterprise.tax_paid, enterprise.rd_expense, enterprise.unemployment_insurance_paid,
                               enterprise.graduates_hired, enterprise.qualifications, enterprise.attributes)
                            is distinct from
                              (excluded.name, excluded.tax_credit_grade, excluded.public_credit_grade, excluded.listings,
                               excluded.credit_repaired_on, excluded.region_code, excluded.park, excluded.industry_code,
                               excluded.established_on, excluded.insured_employees, excluded.revenue, excluded.total_assets,
                               excluded.tax_paid, excluded.rd_expense, excluded.unemployment_insurance_paid,
                               excluded.graduates_hired, excluded.qualifications, excluded.attributes)
                        returning (xmax = 0)""")
                .setParameter(1, uscc)
                .setParameter(2, input.name().strip())
                .setParameter(3, input.taxCreditGrade())
                .setParameter(4, input.publicCreditGrade())
                .setParameter(5, ProfileJson.write(input.listings() == null ? List.of() : input.listings()))
                .setParameter(6, date(input.creditRepairedOn()))
                .setParameter(7, input.regionCode())
                .setParameter(8, input.park())
                .setParameter(9, input.industryCode())
                .setParameter(10, date(input.establishedOn()))
                .setParameter(11, input.insuredEmployees())
                .setParameter(12, input.revenue())
                .setParameter(13, input.totalAssets())
                .setParameter(14, input.taxPaid())
                .setParameter(15, input.rdExpense())
                .setParameter(16, input.unemploymentInsurancePaid())
                .setParameter(17, input.graduatesHired())
                .setParameter(18, ProfileJson.write(input.qualifications()))
                .setParameter(19, ProfileJson.write(input.attributes()))
                .setParameter(20, Timestamp.from(clock.instant()))
                .getResultList();
        boolean created = !result.isEmpty() && Boolean.TRUE.equals(result.get(0));
        Panache.getEntityManager().clear();
        return new Saved(view(uscc), created);
    }

    private static Date date(java.time.LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    @Transactional
    public EnterpriseView get(String uscc) {
        Validation v = new Validation();
        usccProblem(uscc).ifPresent(reason -> v.reject("uscc", reason));
        v.throwIfInvalid();
        return view(uscc);
    }

    private EnterpriseView view(String uscc) {
        Enterprise e = Enterprise.findById(uscc);
        if (e == null) {
            throw ApiProblem.notFound("uscc", "企业 " + uscc + " 未登记");
        }
        return EnterpriseView.of(e, CreditEvent.of(uscc));
    }

    /** Loads the accepted-exception list, then the demo enterprises; the same files twice change nothing. */
    public int loadPolicyData(Path folder) {
        Path exceptionsFile = folder.resolve("uscc-exceptions.yaml");
        Set<String> exceptions = new HashSet<>();
        if (Files.exists(exceptionsFile)) {
            UsccExceptionsFile file = PolicyDataFiles.read(exceptionsFile, UsccExceptionsFile.class);
            if (file.exceptions() != null) {
                file.exceptions().forEach(e -> exceptions.add(e.uscc()));
            }
        }
        acceptedUsccExceptions = Set.copyOf(exceptions);
        Path demoFile = folder.resolve("demo-enterprises.yaml");
        if (!Files.exists(demoFile)) {
            return 0;
        }
        DemoEnterprisesFile demo = PolicyDataFiles.read(demoFile, DemoEnterprisesFile.class);
        List<com.fasterxml.jackson.databind.node.ObjectNode> entries = demo.enterprises() == null ? List.of() : demo.enterprises();
        for (int i = 0; i < entries.size(); i++) {
            com.fasterxml.jackson.databind.node.ObjectNode entry = entries.get(i).deepCopy();
            String at = "enterprises[" + i + "]";
            String uscc = entry.path("uscc").asText(null);
            entry.remove("uscc");
            EnterpriseInput input = PolicyDataFiles.convert(entry, EnterpriseInput.class, demoFile, at);
            try {
                put(uscc, input, "uscc");
            } catch (ApiProblem problem) {
                FieldError first = problem.errors().get(0);
                throw new PolicyDataException(demoFile.toString(), at + "." + first.field(), first.reason());
            }
        }
        return entries.size();
    }
}
