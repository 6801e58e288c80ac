package cn.zhiban.enterprise;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/enterprises/{uscc}")
@Tag(name = "enterprises", description = "申请人(企业)与信用")
public class EnterpriseResource {
    @Inject
    Enterprises enterprises;

    @PUT
    @Operation(summary = "Create or replace an enterprise's credit facts (201 when created, 200 when replaced)")
    public Response put(@PathParam("uscc") String uscc, EnterpriseInput input) {
        Enterprises.Saved saved = enterprises.put(uscc, input, "uscc");
        return Response.status(saved.created() ? 201 : 200).entity(saved.view()).build();
    }

    @GET
    @Operation(summary = "An enterprise with its credit facts and the history the service wrote")
    public EnterpriseView get(@PathParam("uscc") String uscc) {
        return enterprises.get(uscc);
    }
}
