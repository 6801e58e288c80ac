package cn.zhiban.grants;

import cn.zhiban.security.Caller;
import cn.zhiban.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import cn.zhiban.enterprise.Enterprise;
import cn.zhiban.web.ApiProblem;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/api/v1")
@Tag(name = "grants", description = "免申即享:运行、补贴、确认、拨付")
public class GrantResource {
    @Inject
    Clock clock;
    @Inject
    MatchingRuns runs;
    @Inject
    GrantService grants;
    @Inject
    Caller caller;

    public record RunRequest(LocalDate asOf) {
    }

    @POST
    @RolesAllowed({Roles.PLATFORM, Roles.POLICY_STAFF})
    @Path("/policies/{id}/runs")
    @Operation(summary = "Run a policy over every stored enterprise (asynchronous, 202); AUTO policies offer grants")
    public Response startRun(@PathParam("id") String policyId, RunRequest request) {
        LocalDate asOf = request == null || request.asOf() == null ? LocalDate.now(clock) : request.asOf();
        MatchingRun run = runs.start(policyId, asOf);
        return Response.accepted(run).header("Location", "/api/v1/runs/" + run.id).build();
    }

    @GET
    @RolesAllowed({Roles.PLATFORM, Roles.POLICY_STAFF})
    @Path("/runs/{id}")
    @Operation(summary = "A run's progress (done / total), counts and errors")
    public MatchingRun run(@PathParam("id") String id) {
        return runs.get(uuid(id, "runId"));
    }

    @POST
    @RolesAllowed({Roles.PLATFORM, Roles.POLICY_STAFF})
    @Path("/runs/{id}/pause")
    @Operation(summary = "Pause a run after the chunk in hand (its grants so far stay); 409 when it is not running")
    public MatchingRun pause(@PathParam("id") String id) {
        return runs.pause(uuid(id, "runId"));
    }

    @POST
    @RolesAllowed({Roles.PLATFORM, Roles.POLICY_STAFF})
    @Path("/runs/{id}/resume")
    @Operation(summary = "Resume a paused run from its checkpoint, with the rule set it started with; 409 when it is not paused")
    public MatchingRun resume(@PathParam("id") String id) {
        return runs.resume(uuid(id, "runId"));
    }

    @GET
    @RolesAllowed({Roles.PLATFORM, Roles.POLICY_STAFF, Roles.ENTERPRISE})
    @Path("/enterprises/{uscc}/grants")
    @Operation(summary = "An enterprise's grants with their transitions")
    public List<GrantView> ofEnterprise(@PathParam("uscc") String uscc) {
        caller.requireAccessTo(uscc);
        if (Enterprise.findById(uscc) == null) {
            throw ApiProblem.notFound("uscc", "企业 " + uscc + " 未登记");
        }
        return grants.ofEnterprise(uscc);
    }

    @GET
    @RolesAllowed({Roles.PLATFORM, Roles.POLICY_STAFF, Roles.ENTERPRISE})
    @Path("/grants/{id}")
    public GrantView get(@PathParam("id") String id) {
        return owned(grants.get(uuid(id, "grantId")));
    }

    @POST
    @RolesAllowed({Roles.PLATFORM, Roles.ENTERPRISE})
    @Path("/grants/{id}/confirm")
    @Operation(summary = "The enterprise confirms and gives its bank account (OFFERED → CONFIRMED)")
    public GrantView confirm(@PathParam("id") String id, GrantService.ConfirmRequest request) {
        owned(grants.get(uuid(id, "grantId")));
        return grants.confirm(uuid(id, "grantId"), request);
    }

    @POST
    @RolesAllowed({Roles.PLATFORM, Roles.ENTERPRISE})
    @Path("/grants/{id}/decline")
    @Operation(summary = "The enterprise declines (OFFERED or WAITLISTED → DECLINED); the money goes to the waitlist")
    public GrantView decline(@PathParam("id") String id) {
        owned(grants.get(uuid(id, "grantId")));
        return grants.decline(uuid(id, "grantId"));
    }

    @POST
    @RolesAllowed(Roles.PLATFORM)
    @Path("/grants/{id}/disburse")
    @Operation(summary = "Payment made (CONFIRMED → DISBURSED)")
    public GrantView disburse(@PathParam("id") String id) {
        return grants.disburse(uuid(id, "grantId"));
    }

    @POST
    @RolesAllowed(Roles.PLATFORM)
    @Path("/grants/expire")
    @Operation(summary = "Offers not confirmed by their date expire; freed money goes to the waitlist")
    public GrantService.SweepResult expire(GrantService.DateRequest request) {
        return grants.expire(request == null ? null : request.date());
    }

    /** An enterprise sees and acts on its own grants only. */
    private GrantView owned(GrantView grant) {
        caller.requireAccessTo(grant.uscc());
        return grant;
    }

    static UUID uuid(String id, String field) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound(field, id + " 不是合法的编号");
        }
    }
}
