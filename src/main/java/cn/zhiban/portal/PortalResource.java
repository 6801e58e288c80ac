package cn.zhiban.portal;

import cn.zhiban.enterprise.EnterpriseInput;
import cn.zhiban.grants.GrantResource;
import cn.zhiban.grants.GrantService;
import cn.zhiban.grants.InboxResource;
import cn.zhiban.matching.MatchResult;
import cn.zhiban.matching.MatchingResource;
import cn.zhiban.security.Roles;
import cn.zhiban.web.ApiProblem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The enterprise's pages (我的政策, 待确认补贴, 消息, 订阅), sign-in, and the public policy calculator.
 * Server-rendered, no client framework; each page calls the same services as the API.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PortalResource {
    static final String COOKIE = "zhiban_token";
    /** How the pages name profile fields an enterprise is asked to provide. */
    static final java.util.Map<String, String> FIELD_LABELS = java.util.Map.ofEntries(
            java.util.Map.entry("regionCode", "注册地行政区划"), java.util.Map.entry("park", "所在园区"),
            java.util.Map.entry("industryCode", "行业代码"), java.util.Map.entry("establishedOn", "成立日期"),
            java.util.Map.entry("insuredEmployees", "参保职工人数"), java.util.Map.entry("revenue", "上年营业收入"),
            java.util.Map.entry("totalAssets", "资产总额"), java.util.Map.entry("taxPaid", "上年纳税额"),
            java.util.Map.entry("rdExpense", "上年研发费用"), java.util.Map.entry("unemploymentInsurancePaid", "上年失业保险缴费"),
            java.util.Map.entry("graduatesHired", "今年招用高校毕业生人数"), java.util.Map.entry("qualifications", "资质认定情况"),
            java.util.Map.entry("sizeClass", "企业规模(需行业、人数和营业收入)"), java.util.Map.entry("listings", "信用名单情况"));

    @Inject
    @Location("portal/login.html")
    Template login;
    @Inject
    @Location("portal/policies.html")
    Template policies;
    @Inject
    @Location("portal/grants.html")
    Template grants;
    @Inject
    @Location("portal/inbox.html")
    Template inbox;
    @Inject
    @Location("portal/subscriptions.html")
    Template subscriptions;
    @Inject
    @Location("portal/calculator.html")
    Template calculator;
    @Inject
    @Location("portal/report.html")
    Template report;

    @Inject
    JsonWebToken token;
    @Inject
    MatchingResource matching;
    @Inject
    GrantResource grantApi;
    @Inject
    InboxResource inboxApi;
    @Inject
    ObjectMapper json;

    @GET
    @Path("login")
    @PermitAll
    public TemplateInstance loginPage() {
        return login.instance();
    }

    /** Local sign-in: the token becomes an HttpOnly, same-site cookie that the service verifies on every request. */
    @POST
    @Path("login")
    @PermitAll
    public Response signIn(@FormParam("token") String value) {
        String t = value == null ? "" : value.strip();
        String[] parts = t.split("\\.");
        if (parts.length != 3) {
            return Response.seeOther(URI.create("/login")).build();
        }
        boolean enterprise;
        try {
            enterprise = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).contains("\"" + Roles.ENTERPRISE + "\"");
        } catch (IllegalArgumentException notBase64) {
            return Response.seeOther(URI.create("/login")).build();   // not a token at all (was a 500): back to the form
        }
        NewCookie cookie = new NewCookie.Builder(COOKIE).value(t).path("/").httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create(enterprise ? "/portal" : "/console")).cookie(cookie).build();
    }

    @POST
    @Path("logout")
    @PermitAll
    public Response signOut() {
        NewCookie gone = new NewCookie.Builder(COOKIE).value("").path("/").maxAge(0).httpOnly(true).build();
        return Response.seeOther(URI.create("/login")).cookie(gone).build();
    }

    @GET
    @Path("portal")
    @RolesAllowed(Roles.ENTERPRISE)
    public TemplateInstance myPolicies() {
        String uscc = uscc();
        return policies.data("uscc", uscc).data("result", matching.matches(uscc, null)).data("labels", FIELD_LABELS);
    }

    @GET
    @Path("portal/grants")
    @RolesAllowed(Roles.ENTERPRISE)
    public TemplateInstance myGrants() {
        return grants.data("grants", grantApi.ofEnterprise(uscc())).data("message", null);
    }

    @POST
    @Path("portal/grants/{id}/confirm")
    @RolesAllowed(Roles.ENTERPRISE)
    public TemplateInstance confirm(@PathParam("id") String id, @RestForm String bankAccount) {
        grantApi.confirm(id, new GrantService.ConfirmRequest(bankAccount, null));
        return grants.data("grants", grantApi.ofEnterprise(uscc())).data("message", "已确认,补贴将拨付至账号 " + bankAccount);
    }

    @POST
    @Path("portal/grants/{id}/decline")
    @RolesAllowed(Roles.ENTERPRISE)
    public TemplateInstance decline(@PathParam("id") String id) {
        grantApi.decline(id);
        return grants.data("grants", grantApi.ofEnterprise(uscc())).data("message", "已放弃该补贴");
    }

    @GET
    @Path("portal/inbox")
    @RolesAllowed(Roles.ENTERPRISE)
    public TemplateInstance myInbox() {
        return inbox.data("messages", inboxApi.inbox(uscc()));
    }

    @POST
    @Path("portal/inbox/{id}/read")
    @RolesAllowed(Roles.ENTERPRISE)
    public Response read(@PathParam("id") String id) {
        inboxApi.read(uscc(), id);
        return Response.seeOther(URI.create("/portal/inbox")).build();
    }

    @GET
    @Path("portal/subscriptions")
    @RolesAllowed(Roles.ENTERPRISE)
    public TemplateInstance mySubscriptions() {
        return subscriptionsPage();
    }

    @POST
    @Path("portal/subscriptions")
    @RolesAllowed(Roles.ENTERPRISE)
    public TemplateInstance subscribe(@RestForm("category") List<String> categories) {
        inboxApi.subscribe(uscc(), new InboxResource.Subscriptions(categories == null ? List.of() : categories));
        return subscriptionsPage();
    }

    private TemplateInstance subscriptionsPage() {
        Set<String> all = new java.util.TreeSet<>();
        matching.list().forEach(p -> all.addAll(p.categories()));
        return subscriptions.data("categories", all).data("subscribed", Set.copyOf(inboxApi.subscriptions(uscc()).categories()));
    }

    @GET
    @Path("calculator")
    @PermitAll
    public TemplateInstance calculatorPage() {
        return calculator.instance();
    }

    /** The questionnaire's answer: a printable estimate. Blank fields stay unknown. */
    @POST
    @Path("calculator")
    @PermitAll
    public TemplateInstance estimate(@RestForm String regionCode, @RestForm String industryCode, @RestForm String establishedOn,
                                     @RestForm String insuredEmployees, @RestForm String revenue, @RestForm String rdExpense,
                                     @RestForm String unemploymentInsurancePaid, @RestForm String graduatesHired) {
        try {
            EnterpriseInput profile = new EnterpriseInput("测算", null, null, List.of(), null, blank(regionCode), null, blank(industryCode),
                    blank(establishedOn) == null ? null : LocalDate.parse(establishedOn), integer(insuredEmployees), money(revenue), null, null,
                    money(rdExpense), money(unemploymentInsurancePaid), integer(graduatesHired), null, null);
            MatchResult result = matching.evaluate(new MatchingResource.EvaluateRequest(null, profile));
            BigDecimal total = result.eligible().stream().map(MatchResult.Eligible::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            return report.data("result", result).data("total", total).data("errors", null);
        } catch (ApiProblem problem) {
            return report.data("result", null).data("total", null).data("errors", problem.errors());
        } catch (RuntimeException e) {
            return report.data("result", null).data("total", null)
                    .data("errors", List.of(new cn.zhiban.web.FieldError("(form)", "请检查数字和日期的格式")));
        }
    }

    private String uscc() {
        Object claim = token.getClaim("uscc");
        if (claim == null) {
            throw new io.quarkus.security.ForbiddenException("token has no uscc claim");
        }
        return claim.toString();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Integer integer(String s) {
        return blank(s) == null ? null : Integer.valueOf(s.strip());
    }

    private static BigDecimal money(String s) {
        return blank(s) == null ? null : new BigDecimal(s.strip());
    }
}
