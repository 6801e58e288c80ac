package cn.zhiban.catalogue;

import jakarta.annotation.security.PermitAll;
import cn.zhiban.web.ApiProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/service-items")
@PermitAll
@Tag(name = "catalogue", description = "政务服务事项目录")
public class CatalogueResource {

    @GET
    @Operation(summary = "List active service items, optionally of one department")
    public List<ServiceItemDefinition> list(@QueryParam("department") String department) {
        return ServiceItem.listActive(department).stream().map(i -> i.definition).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One service item with its materials and inspection")
    public ServiceItemDefinition get(@PathParam("code") String code) {
        ServiceItem item = ServiceItem.findById(code);
        if (item == null || !item.active) {
            throw ApiProblem.notFound("code", "事项 " + code + " 不在目录中");
        }
        return item.definition;
    }
}
