package cn.zhiban.matching;

import cn.zhiban.security.Caller;
import jakarta.annotation.security.PermitAll;
import cn.zhiban.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import cn.zhiban.enterprise.Enterprise;
import cn.zhiban.enterprise.EnterpriseInput;
import cn.zhiban.enterprise.Enterprises;
import cn.zhiban.web.ApiProblem;
import cn.zhiban.web.Validation;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api/v1")
@Tag(name = "matching", description = "政策匹配与精准测算")
public class MatchingResource {
    @Inject
    Clock clock;

    @Inject
    Policies policies;
    @Inject
    Enterprises enterprises;
    @Inject
    Caller caller;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    public record EvaluateRequest(LocalDate asOf, EnterpriseInput profile) {
    }

    @GET
    @PermitAll
    @Path("/policies")
    @Operation(summary = "Every policy in the active rule set, as clients need it")
    public List<PolicyDefinition> list() {
        return policies.active().definitions().values().stream().sorted(java.util.Comparator.comparing(PolicyDefinition::id)).toList();
    }

    @GET
    @PermitAll
    @Path("/policies/{id}")
    @Operation(summary = "One policy: conditions and benefit in structured form, citations, dates, delivery, budget")
    public PolicyDefinition get(@PathParam("id") String id) {
        return policies.find(id).orElseThrow(() -> ApiProblem.notFound("id", "政策 " + id + " 不存在"));
    }

    @GET
    @RolesAllowed({Roles.PLATFORM, Roles.POLICY_STAFF, Roles.ENTERPRISE})
    @Path("/enterprises/{uscc}/matches")
    @Transactional
    @Operation(summary = "Policies the enterprise is eligible for (with amounts), undetermined (with the data to provide) and near misses, as of a date")
    public MatchResult matches(@PathParam("uscc") String uscc, @QueryParam("asOf") String asOf) {
        LocalDate date = asOf(asOf);
        caller.requireAccessTo(uscc);
        enterprises.usccProblem(uscc).ifPresent(reason -> { throw ApiProblem.invalid("uscc", reason); });
        Enterprise e = Enterprise.findById(uscc);
        if (e == null) {
            throw ApiProblem.notFound("uscc", "企业 " + uscc + " 未登记");
        }
        Matcher.Subject subject = Subjects.of(e);
        MatchResult result = Matcher.match(policies.active(), List.of(subject), date, null).get(uscc);
        log(result);
        return result;
    }

    @POST
    @PermitAll
    @Path("/matching/evaluate")
    @Operation(summary = "The policy calculator (精准测算): match a profile that is not stored")
    public MatchResult evaluate(EvaluateRequest request) {
        Validation v = new Validation();
        if (request == null || request.profile() == null) {
            v.reject("profile", "企业画像必填").throwIfInvalid();
        }
        EnterpriseInput profile = request.profile();
        // The calculator needs no name; every other field is checked as for a stored profile.
        new EnterpriseInput(profile.name() == null ? "测算" : profile.name(), profile.taxCreditGrade(), profile.publicCreditGrade(),
                profile.listings(), profile.creditRepairedOn(), profile.regionCode(), profile.park(), profile.industryCode(),
                profile.establishedOn(), profile.insuredEmployees(), profile.revenue(), profile.totalAssets(), profile.taxPaid(),
                profile.rdExpense(), profile.unemploymentInsurancePaid(), profile.graduatesHired(), profile.qualifications(),
                profile.attributes()).validate(v);
        v.throwIfInvalid();
        LocalDate date = request.asOf() == null ? LocalDate.now(clock) : request.asOf();
        return Matcher.match(policies.active(), List.of(Subjects.of("CALCULATOR", profile)), date, null).get("CALCULATOR");
    }

    /** Every answered match is kept with the rule-set version that answered it. */
    private void log(MatchResult result) {
        try {
            io.quarkus.hibernate.orm.panache.Panache.getEntityManager().createNativeQuery(
                            "insert into match_log (uscc, as_of, ruleset_version, result, created_at) values (?1, ?2, ?3, cast(?4 as jsonb), ?5)")
                    .setParameter(1, result.uscc()).setParameter(2, java.sql.Date.valueOf(result.asOf())).setParameter(3, result.rulesetVersion())
                    .setParameter(4, json.writeValueAsString(result)).setParameter(5, java.sql.Timestamp.from(clock.instant()))
                    .executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    LocalDate asOf(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return LocalDate.now(clock);
        }
        try {
            LocalDate date = LocalDate.parse(asOf);
            if (cn.zhiban.web.ApiJson.sane(date)) {
                return date;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw ApiProblem.invalid("asOf", "应为 1900–2199 年间的日期 YYYY-MM-DD,实际为 " + asOf);
    }
}
