package cn.zhiban.portal;

import cn.zhiban.rulesets.RuleSetResource;
import cn.zhiban.rulesets.ValidationReport;
import cn.zhiban.security.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The policy-staff console: versions and their reports, simulations as charts, activation and rollback with a confirmation step. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.POLICY_STAFF)
public class ConsoleResource {
    @Inject
    @Location("portal/console.html")
    Template console;
    @Inject
    @Location("portal/version.html")
    Template version;
    @Inject
    @Location("portal/confirm.html")
    Template confirm;
    @Inject
    @Location("portal/simulation.html")
    Template simulation;

    @Inject
    RuleSetResource rulesets;
    @Inject
    ObjectMapper json;

    public record RuleSetRows(String name, List<RuleSetResource.VersionView> versions) {
    }

    public record Bar(String label, String value, int y, int width, int secondWidth) {
    }

    public record Chart(String title, String note, int height, List<Bar> bars) {
    }

    @GET
    public TemplateInstance index() {
        return page(null);
    }

    private TemplateInstance page(String message) {
        List<RuleSetRows> sets = new ArrayList<>();
        for (String name : List.of("acceptance", "policies")) {
            List<RuleSetResource.VersionView> versions = new ArrayList<>();
            for (RuleSetResource.VersionView v : rulesets.versions(name)) {
                versions.add(0, rulesets.version(name, v.number()));
            }
            sets.add(new RuleSetRows(name, versions));
        }
        return console.data("sets", sets).data("message", message);
    }

    @GET
    @Path("{name}/versions/{n}")
    public TemplateInstance version(@PathParam("name") String name, @PathParam("n") int n) {
        RuleSetResource.VersionView v = rulesets.version(name, n);
        ValidationReport.Coverage c = v.report().coverage();
        return version.data("name", name).data("v", v).data("coverage", c.rules() == 0 ? 0 : 100 * c.fired() / c.rules());
    }

    @GET
    @Path("{name}/versions/{n}/activate")
    public TemplateInstance confirmActivation(@PathParam("name") String name, @PathParam("n") int n) {
        RuleSetResource.VersionView v = rulesets.version(name, n);
        return confirm.data("question", "启用 " + name + " 版本 " + n + "?")
                .data("detail", "启用后新的请求立即按此版本决定(" + v.versionId() + ",作者 " + v.author() + ")。已在处理中的请求按原版本完成。")
                .data("action", "/console/" + name + "/versions/" + n + "/activate");
    }

    @POST
    @Path("{name}/versions/{n}/activate")
    public TemplateInstance activate(@PathParam("name") String name, @PathParam("n") int n) {
        rulesets.activate(name, n);
        return page("已启用 " + name + " 版本 " + n);
    }

    @GET
    @Path("{name}/rollback")
    public TemplateInstance confirmRollback(@PathParam("name") String name) {
        return confirm.data("question", "回退 " + name + " 到上一版本?").data("detail", "将重新启用在当前版本之前启用的版本。")
                .data("action", "/console/" + name + "/rollback");
    }

    @POST
    @Path("{name}/rollback")
    public TemplateInstance rollback(@PathParam("name") String name) {
        RuleSetResource.VersionView v = rulesets.rollback(name);
        return page("已回退 " + name + " 到版本 " + v.number());
    }

    @POST
    @Path("{name}/versions/{n}/simulate")
    public Response simulate(@PathParam("name") String name, @PathParam("n") int n) {
        Response started = rulesets.simulate(name, n, null);
        return Response.seeOther(URI.create("/console/simulations/" + ((cn.zhiban.rulesets.Simulations.Started) started.getEntity()).id())).build();
    }

    @GET
    @Path("simulations/{id}")
    public TemplateInstance simulationPage(@PathParam("id") String id) throws Exception {
        Map<String, Object> sim = rulesets.simulation(id);
        JsonNode result = (JsonNode) sim.get("result");
        List<Chart> charts = new ArrayList<>();
        if (result != null && result.has("policies")) {
            List<String[]> rows = new ArrayList<>();
            result.get("policies").forEach(p -> {
                if (p.get("gained").asInt() + p.get("lost").asInt() > 0 || p.get("amountChange").decimalValue().signum() != 0) {
                    rows.add(new String[]{p.get("title").asText(), String.valueOf(p.get("gained").asInt()), String.valueOf(p.get("lost").asInt()),
                            p.get("amountChange").decimalValue().toPlainString()});
                }
            });
            charts.add(chart("各政策增加 / 减少的符合企业数", "红色:新增符合;灰色:不再符合", rows, true));
            charts.add(chart("各政策金额变化(元)", "", rows.stream().map(r -> new String[]{r[0], r[3], "0", r[3]}).toList(), false));
            charts.add(chart("受影响企业:按区县", "", entries(result.get("affectedByDistrict")), false));
            charts.add(chart("受影响企业:按行业门类", "", entries(result.get("affectedByIndustry")), false));
        } else if (result != null && result.has("changes")) {
            charts.add(chart("受理方式变化(共 " + result.get("decisions").asInt() + " 件决定)", "", entries(result.get("changes")), false));
        }
        return simulation.data("sim", sim).data("charts", charts)
                .data("resultJson", result == null ? "" : json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    private static List<String[]> entries(JsonNode object) {
        List<String[]> rows = new ArrayList<>();
        if (object != null) {
            object.fields().forEachRemaining(e -> rows.add(new String[]{e.getKey(), e.getValue().asText(), "0", e.getValue().asText()}));
        }
        return rows;
    }

    /** Horizontal bars scaled to the largest value; a second, thinner bar when {@code paired}. */
    private static Chart chart(String title, String note, List<String[]> rows, boolean paired) {
        double max = 1;
        for (String[] r : rows) {
            max = Math.max(max, Math.abs(Double.parseDouble(r[1])));
            max = Math.max(max, Math.abs(Double.parseDouble(r[2])));
        }
        List<Bar> bars = new ArrayList<>();
        int y = 4;
        for (String[] r : rows) {
            int width = (int) Math.round(300 * Math.abs(Double.parseDouble(r[1])) / max);
            int second = paired ? (int) Math.round(300 * Math.abs(Double.parseDouble(r[2])) / max) : 0;
            String label = r[0].length() > 16 ? r[0].substring(0, 16) + "…" : r[0];
            bars.add(new Bar(label, paired ? "+" + r[1] + " / −" + r[2] : r[3], y, Math.max(width, 1), second));
            y += paired ? 26 : 20;
        }
        return new Chart(title, rows.isEmpty() ? "无变化" : note, Math.max(y + 4, 24), bars);
    }
}
