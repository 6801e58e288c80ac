package cn.zhiban.enterprise;

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
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Applicants and their credit facts. */
@ApplicationScoped
public class Enterprises {
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
        // One statement, so two concurrent first PUTs of the same code cannot collide.
        Instant now = Instant.now();
        boolean created = (Boolean) Panache.getEntityManager().createNativeQuery("""
                        insert into enterprise (uscc, name, tax_credit_grade, public_credit_grade, listings, credit_repaired_on, created_at, updated_at)
                        values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6, ?7, ?7)
                        on conflict (uscc) do update set name = excluded.name, tax_credit_grade = excluded.tax_credit_grade,
                            public_credit_grade = excluded.public_credit_grade, listings = excluded.listings,
                            credit_repaired_on = excluded.credit_repaired_on, updated_at = excluded.updated_at
                        returning (xmax = 0)""")
                .setParameter(1, uscc)
                .setParameter(2, input.name().strip())
                .setParameter(3, input.taxCreditGrade())
                .setParameter(4, input.publicCreditGrade())
                .setParameter(5, ListingsJson.write(input.listings() == null ? List.of() : input.listings()))
                .setParameter(6, input.creditRepairedOn() == null ? null : Date.valueOf(input.creditRepairedOn()))
                .setParameter(7, Timestamp.from(now))
                .getSingleResult();
        Panache.getEntityManager().clear();
        return new Saved(view(uscc), created);
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
        List<DemoEnterprisesFile.Entry> entries = demo.enterprises() == null ? List.of() : demo.enterprises();
        for (int i = 0; i < entries.size(); i++) {
            DemoEnterprisesFile.Entry entry = entries.get(i);
            try {
                saveIfChanged(entry);
            } catch (ApiProblem problem) {
                FieldError first = problem.errors().get(0);
                throw new PolicyDataException(demoFile.toString(), "enterprises[" + i + "]." + first.field(), first.reason());
            }
        }
        return entries.size();
    }

    void saveIfChanged(DemoEnterprisesFile.Entry entry) {
        Enterprise existing = entry.uscc() == null ? null : Enterprise.findById(entry.uscc());
        EnterpriseInput input = entry.input();
        if (existing != null && existing.name.equals(input.name())
                && java.util.Objects.equals(existing.taxCreditGrade, input.taxCreditGrade())
                && java.util.Objects.equals(existing.publicCreditGrade, input.publicCreditGrade())
                && java.util.Objects.equals(existing.listings, input.listings() == null ? List.of() : input.listings())
                && java.util.Objects.equals(existing.creditRepairedOn, input.creditRepairedOn())) {
            return;
        }
        put(entry.uscc(), input, "uscc");
    }
}
