package cn.zhiban.acceptance;

import cn.zhiban.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import cn.zhiban.web.ApiProblem;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1")
@Tag(name = "acceptance", description = "受理方式决定与承诺、容缺的后续义务")
public class AcceptanceResource {
    @Inject
    AcceptanceService acceptance;
    @Inject
    ObligationService obligations;

    @POST
    @RolesAllowed(Roles.PLATFORM)
    @Path("/acceptance/decisions")
    @Operation(summary = "Decide how an application is accepted; stores the decision and its obligations (201)")
    public Response decide(DecisionRequest request) {
        DecisionAnswer answer = acceptance.decide(request);
        return Response.status(201).header("Location", "/api/v1/acceptance/decisions/" + answer.decisionId()).entity(answer).build();
    }

    @GET
    @RolesAllowed(Roles.PLATFORM)
    @Path("/acceptance/decisions/{id}")
    @Operation(summary = "A stored decision with its input and its obligations' states")
    public DecisionRecord get(@PathParam("id") String id) {
        return acceptance.get(decisionId(id));
    }

    @POST
    @RolesAllowed({Roles.PLATFORM, Roles.POLICY_STAFF})
    @Path("/acceptance/decisions/{id}/replay")
    @Operation(summary = "Re-evaluate the stored input under the recorded rule-set version (must reproduce the answer exactly), or ?version=active to see the difference")
    public AcceptanceService.Replay replay(@PathParam("id") String id, @jakarta.ws.rs.QueryParam("version") String version) {
        return acceptance.replay(decisionId(id), version);
    }

    @POST
    @RolesAllowed(Roles.PLATFORM)
    @Path("/acceptance/decisions/{id}/supplements")
    @Operation(summary = "Record supplied missing materials (容缺补正)")
    public DecisionRecord supplements(@PathParam("id") String id, ObligationService.SupplementRequest request) {
        return obligations.supplement(decisionId(id), request);
    }

    @POST
    @RolesAllowed(Roles.PLATFORM)
    @Path("/acceptance/decisions/{id}/verifications")
    @Operation(summary = "Record the verification of the decision's pledges; FALSE revokes it and writes a false pledge to the applicant's history")
    public DecisionRecord verifications(@PathParam("id") String id, ObligationService.VerificationRequest request) {
        return obligations.verify(decisionId(id), request);
    }

    @POST
    @RolesAllowed(Roles.PLATFORM)
    @Path("/obligations/sweep")
    @Operation(summary = "Mark every supplement not received by its due date overdue and end its case")
    public ObligationService.SweepResult sweep(ObligationService.SweepRequest request) {
        return obligations.sweep(request);
    }

    private static UUID decisionId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("decisionId", "决定编号 " + id + " 不是合法的 UUID");
        }
    }
}
