package cn.zhiban.rulesets;

import cn.zhiban.security.Caller;
import cn.zhiban.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import cn.zhiban.web.ApiProblem;
import cn.zhiban.web.Validation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1")
@RolesAllowed(Roles.POLICY_STAFF)
@Tag(name = "rulesets", description = "规则集版本:上传、校验、测试、模拟、启用、回退")
public class RuleSetResource {
    @Inject
    Clock clock;
    @Inject
    RuleSetService service;
    @Inject
    Simulations simulations;
    @Inject
    Caller caller;

    public record UploadRequest(String author, String comment, Map<String, String> files) {
    }

    public record SimulationRequest(LocalDate asOf, Integer days) {
    }

    /** A version as listed; {@code report} only on the single-version view. */
    public record VersionView(int number, String versionId, String status, boolean active, String origin, String author,
                              String comment, Instant createdAt, Instant validatedAt, Instant activatedAt,
                              ValidationReport report, List<String> files) {
        static VersionView of(RuleSetVersion v, boolean detailed, List<String> files) {
            return new VersionView(v.number, v.versionId, v.status, v.active, v.origin, v.author, v.comment, v.createdAt,
                    v.validatedAt, v.activatedAt, detailed ? v.report : null, files);
        }
    }

    @GET
    @Path("/rulesets")
    @Operation(summary = "Each rule set with its active version")
    public List<Map<String, Object>> rulesets() {
        return QuarkusTransaction.requiringNew().call(() -> java.util.Arrays.stream(RuleSetKind.values()).map(kind -> {
            RuleSetVersion active = RuleSetVersion.active(kind.id);
            return Map.<String, Object>of("name", kind.id, "activeVersion", active == null ? "none" : active.number,
                    "activeVersionId", active == null ? "none" : active.versionId, "versions", RuleSetVersion.count("ruleset", kind.id));
        }).toList());
    }

    @GET
    @Path("/rulesets/{name}/versions")
    public List<VersionView> versions(@PathParam("name") String name) {
        RuleSetKind kind = kind(name);
        return QuarkusTransaction.requiringNew().call(() -> RuleSetVersion.<RuleSetVersion>list("ruleset = ?1 order by number", kind.id)
                .stream().map(v -> VersionView.of(v, false, null)).toList());
    }

    @GET
    @Path("/rulesets/{name}/versions/{number}")
    @Operation(summary = "A version with its validation report (errors with file and line, test results, rule coverage) and its files")
    public VersionView version(@PathParam("name") String name, @PathParam("number") int number) {
        RuleSetVersion v = find(kind(name), number);
        return VersionView.of(v, true, List.copyOf(service.files(v).files().keySet()));
    }

    @POST
    @Path("/rulesets/{name}/versions")
    @Consumes("application/json")
    @Operation(summary = "Upload a version as a map of files {path: content}; returns it with its validation report (201), or the existing version with the same content (200)")
    public Response upload(@PathParam("name") String name, UploadRequest request) {
        RuleSetKind kind = kind(name);
        Validation v = new Validation();
        if (request == null || request.files() == null || request.files().isEmpty()) {
            v.reject("files", "至少一个文件:{\"路径\": \"内容\"}");
        } else if (request.files().size() > VersionFiles.MAX_FILES) {
            v.reject("files", "最多 " + VersionFiles.MAX_FILES + " 个文件");
        }
        v.throwIfInvalid();
        return uploaded(kind, VersionFiles.fromTexts(request.files()), author(request.author()), request.comment());
    }

    @POST
    @Path("/rulesets/{name}/versions")
    @Consumes("application/zip")
    @Operation(summary = "Upload a version as a zip of the rule set's files (paths from the repository root)")
    public Response uploadZip(@PathParam("name") String name, byte[] zip, @QueryParam("author") String author,
                              @QueryParam("comment") String comment) {
        RuleSetKind kind = kind(name);
        VersionFiles files;
        try {
            files = VersionFiles.fromZip(zip);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("(body)", e.getMessage());
        }
        return uploaded(kind, files, author(author), comment);
    }

    @POST
    @Path("/rulesets/{name}/versions/{number}/simulations")
    @Operation(summary = "Compare the version with the active one (asynchronous, 202): policies over every enterprise as of asOf; acceptance over the decisions of the last `days` days")
    public Response simulate(@PathParam("name") String name, @PathParam("number") int number, SimulationRequest request) {
        RuleSetKind kind = kind(name);
        LocalDate asOf = request == null || request.asOf() == null ? LocalDate.now(clock) : request.asOf();
        int days = request == null || request.days() == null ? 30 : request.days();
        if (days < 1 || days > 3660) {
            throw ApiProblem.invalid("days", "应为 1 到 3660 天");
        }
        Simulations.Started started = simulations.start(kind, number, asOf, days, caller.name());
        return Response.accepted(started).header("Location", "/api/v1/simulations/" + started.id()).build();
    }

    @GET
    @Path("/simulations/{id}")
    @Operation(summary = "A simulation's progress and result")
    public Map<String, Object> simulation(@PathParam("id") String id) {
        try {
            return simulations.get(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("simulationId", id + " 不是合法的编号");
        }
    }

    @POST
    @Path("/rulesets/{name}/versions/{number}/activation")
    @Operation(summary = "Make a validated version active, with no restart; unknown or rejected versions → 409")
    public VersionView activate(@PathParam("name") String name, @PathParam("number") int number) {
        return VersionView.of(service.activate(kind(name), number, author(null), "ACTIVATE"), false, null);
    }

    @POST
    @Path("/rulesets/{name}/rollback")
    @Operation(summary = "Reactivate the version that was active before the current one")
    public VersionView rollback(@PathParam("name") String name) {
        return VersionView.of(service.rollback(kind(name), author(null)), false, null);
    }

    @GET
    @Path("/rulesets/{name}/audit")
    @Operation(summary = "Every upload, validation, simulation, activation and rollback: who, when, which version")
    public List<Map<String, Object>> audit(@PathParam("name") String name) {
        return service.auditLog(kind(name));
    }

    private Response uploaded(RuleSetKind kind, VersionFiles files, String author, String comment) {
        RuleSetService.Uploaded uploaded = service.upload(kind, files, author, comment, "API");
        RuleSetVersion v = uploaded.version();
        return Response.status(uploaded.created() ? 201 : 200)
                .header("Location", "/api/v1/rulesets/" + kind.id + "/versions/" + v.number)
                .entity(VersionView.of(v, true, List.copyOf(files.files().keySet()))).build();
    }

    private RuleSetVersion find(RuleSetKind kind, int number) {
        RuleSetVersion v = QuarkusTransaction.requiringNew().call(() -> RuleSetVersion.byNumber(kind.id, number));
        if (v == null) {
            throw ApiProblem.notFound("version", "规则集 " + kind.id + " 没有版本 " + number);
        }
        return v;
    }

    private static RuleSetKind kind(String name) {
        RuleSetKind kind = RuleSetKind.of(name);
        if (kind == null) {
            throw ApiProblem.notFound("name", "没有规则集 " + name + ",可用 acceptance、policies");
        }
        return kind;
    }

    /** The author a request names, else who signed in. */
    private String author(String author) {
        return author != null && !author.isBlank() ? author.strip() : caller.name();
    }
}
