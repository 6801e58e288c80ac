package cn.zhiban.enterprise;

import cn.zhiban.security.Caller;
import cn.zhiban.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Tag(name = "enterprises", description = "申请人(企业)与信用")
public class EnterpriseResource {
    @Inject
    Enterprises enterprises;

    @Inject
    EnterpriseImport imports;
    @Inject
    Caller caller;

    @PUT
    @RolesAllowed(Roles.PLATFORM)
    @Path("/enterprises/{uscc}")
    @Operation(summary = "Create or replace an enterprise's credit facts (201 when created, 200 when replaced)")
    public Response put(@PathParam("uscc") String uscc, EnterpriseInput input) {
        Enterprises.Saved saved = enterprises.put(uscc, input, "uscc");
        return Response.status(saved.created() ? 201 : 200).entity(saved.view()).build();
    }

    @GET
    @RolesAllowed({Roles.PLATFORM, Roles.POLICY_STAFF, Roles.ENTERPRISE})
    @Path("/enterprises/{uscc}")
    @Operation(summary = "An enterprise with its credit facts and the history the service wrote")
    public EnterpriseView get(@PathParam("uscc") String uscc) {
        caller.requireAccessTo(uscc);
        return enterprises.get(uscc);
    }

    @POST
    @RolesAllowed(Roles.PLATFORM)
    @Path("/enterprise-imports")
    @Consumes({"application/x-ndjson", "text/csv"})
    @Operation(summary = "Bulk import (NDJSON: a PUT body plus uscc per line; CSV: header of field names, scalar fields). Good rows are imported; each bad row is reported")
    public EnterpriseImport.Report importEnterprises(@HeaderParam("Content-Type") String contentType, InputStream body) {
        return contentType != null && contentType.startsWith("text/csv") ? imports.csv(body) : imports.ndjson(body);
    }
}
