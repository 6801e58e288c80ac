package cn.zhiban.security;

import cn.zhiban.support.Api;
import cn.zhiban.support.SignedInByDefault;
import cn.zhiban.support.TestTokens;
import cn.zhiban.support.WithTestPolicies;
import io.quarkus.security.Authenticated;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The role matrix over the application's real routes: every JAX-RS resource method in the compiled
 * application (REST and pages), found by scanning its classes, called by every kind of caller. Its
 * declared roles say who may pass: anonymous and bad-token callers get 401, callers with the wrong
 * role or another enterprise's data 403 (problem+json for the API, a Chinese HTML page for pages);
 * everyone allowed gets past security; nothing ever answers 5xx. A route added tomorrow is tried
 * without editing this test (a new kind of path parameter fails it until it is given a value).
 */
@QuarkusTest
@TestProfile(WithTestPolicies.class)
class SecurityTest {

    enum Who { NO_TOKEN, BAD_TOKEN, OWN_ENTERPRISE, OTHER_ENTERPRISE, PLATFORM, POLICY_STAFF }

    /** One resource method: its method, URI template, declared roles (null: @PermitAll) and whether it is a page. */
    record Route(String method, String template, Set<String> roles, boolean page, List<String> consumes, String declaredBy) {
        boolean isPublic() {
            return roles == null;
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)(?::[^}]*)?}");

    /** Every @Path resource method of the application's own classes (target/classes, not the tests'). */
    static List<Route> routes() {
        java.nio.file.Path root = java.nio.file.Path.of("target/classes");
        List<Route> routes = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("cn/zhiban"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                Path base = type.getAnnotation(Path.class);
                if (base == null || type.isInterface()) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String verb = verb(m);
                    if (verb == null) {
                        continue;
                    }
                    Path sub = m.getAnnotation(Path.class);
                    String template = join(base.value(), sub == null ? "" : sub.value());
                    Produces produces = m.isAnnotationPresent(Produces.class) ? m.getAnnotation(Produces.class) : type.getAnnotation(Produces.class);
                    boolean page = produces != null && Arrays.asList(produces.value()).contains("text/html");
                    Consumes consumes = m.isAnnotationPresent(Consumes.class) ? m.getAnnotation(Consumes.class) : type.getAnnotation(Consumes.class);
                    routes.add(new Route(verb, template, roles(m, type), page, consumes == null ? List.of() : List.of(consumes.value()),
                            type.getSimpleName() + "." + m.getName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        routes.sort(java.util.Comparator.comparing(Route::toString).thenComparing(r -> String.join(",", r.consumes())));
        return routes;
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** Method-level security wins over the class's; none at all is denied (deny-unannotated-endpoints): an empty set. */
    private static Set<String> roles(Method m, Class<?> type) {
        for (AnnotatedElement e : List.<AnnotatedElement>of(m, type)) {
            if (e.isAnnotationPresent(PermitAll.class)) {
                return null;
            }
            if (e.isAnnotationPresent(DenyAll.class)) {
                return Set.of();
            }
            if (e.isAnnotationPresent(RolesAllowed.class)) {
                return Set.of(e.getAnnotation(RolesAllowed.class).value());
            }
            if (e.isAnnotationPresent(Authenticated.class)) {
                return Set.of(Roles.PLATFORM, Roles.POLICY_STAFF, Roles.ENTERPRISE);
            }
        }
        return Set.of();
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Test
    void theEnumerationFindsTheKnownRoutes() {
        Set<String> found = new TreeSet<>();
        routes().forEach(r -> found.add(r.toString()));
        // a guard on the enumeration itself: if scanning broke, the matrix below would pass over nothing
        for (String known : List.of("POST /api/v1/runs/{id}/pause", "POST /api/v1/runs/{id}/resume", "POST /api/v1/rulesets/{name}/versions",
                "GET /portal", "GET /portal/grants", "POST /portal/grants/{id}/confirm", "GET /console", "POST /console/{name}/rollback",
                "GET /login", "GET /calculator", "PUT /api/v1/enterprises/{uscc}", "POST /api/v1/enterprise-imports")) {
            assertTrue(found.contains(known), known + " not found among " + found);
        }
        assertTrue(routes().stream().anyMatch(r -> r.consumes().contains("application/zip")), "the zip upload");
        assertTrue(found.size() >= 50, found.size() + " routes: " + found);
    }

    @Test
    void everyRouteAgainstEveryKindOfCaller() {
        String own = Api.newUscc();
        Map<String, Object> profile = Api.enterprise("A", "A");
        profile.put("regionCode", "510107");
        profile.put("attributes", Map.of("suite", "flow"));
        Api.putEnterprise(own, profile).statusCode(201);
        String other = Api.applicant("A", "A");
        String decision = Api.decide("SCJG-SPJY-001", own, "2026-06-01", List.of("M01", "M02", "M04", "M05", "M06"), List.of("M03"), false)
                .statusCode(201).extract().path("decisionId");
        String run = Api.post("/api/v1/policies/T-FLOW-2026/runs", Map.of("asOf", "2026-06-01")).statusCode(202).extract().path("id");
        // the run is asynchronous: wait for the grant it offers this enterprise
        String grant = await("a grant for " + own + " from run " + run).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/api/v1/enterprises/{u}/grants", own).then().statusCode(200).extract().<List<String>>path("grantId"),
                        ids -> !ids.isEmpty()).get(0);
        given().contentType("application/json").body(Map.of("categories", List.of("测试"))).put("/api/v1/enterprises/{u}/subscriptions", own).then().statusCode(200);
        Api.post("/api/v1/inbox/announcements", Map.of("asOf", "2026-06-01")).statusCode(200);
        String message = get("/api/v1/enterprises/{u}/inbox", own).then().statusCode(200).extract().path("[0].id");
        String simulation = Api.post("/api/v1/rulesets/acceptance/versions/1/simulations", Map.of("days", 1)).statusCode(202).extract().path("id");

        List<Route> routes = routes();
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (Route route : routes) {
            String path = fill(route, Map.of("uscc", own, "grant", grant, "message", message, "decision", decision, "run", run,
                    "simulation", simulation));
            for (Who who : Who.values()) {
                Response response = call(route, path, who, own, other);
                tried++;
                String problem = judge(route, who, response);
                if (problem != null) {
                    wrong.add(who + " " + route.method() + " " + path + " (" + route.declaredBy() + ", roles " + route.roles() + ") → "
                            + response.statusCode() + " " + response.contentType() + ": " + problem);
                }
            }
        }
        assertTrue(wrong.isEmpty(), tried + " calls over " + routes.size() + " routes, wrong:\n" + String.join("\n", wrong));
        assertEquals(routes.size() * Who.values().length, tried);
    }

    /** Null when the answer is right for this caller on this route, else why not. */
    private static String judge(Route route, Who who, Response response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "a server error";
        }
        boolean anonymous = who == Who.NO_TOKEN || who == Who.BAD_TOKEN;
        boolean allowed = route.isPublic() || (!anonymous && allowedRole(route, who) && !(who == Who.OTHER_ENTERPRISE && ownersOnly(route)));
        // a broken credential is refused even where none is needed (401), never taken for anonymous
        boolean refusedCredential = who == Who.BAD_TOKEN && route.isPublic() && status == 401;
        if (allowed && !refusedCredential) {
            return status == 401 || status == 403 ? "should pass security" : null;
        }
        int expected = anonymous ? 401 : 403;
        if (status != expected) {
            return "should be " + expected;
        }
        String type = String.valueOf(response.contentType());
        if (route.page()) {
            String body = response.asString();
            boolean chinesePage = type.startsWith("text/html") && body.contains("lang=\"zh-CN\"") && body.codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF);
            return chinesePage ? null : "a page should answer a Chinese HTML page";
        }
        return type.startsWith("application/problem+json") ? null : "should be problem+json";
    }

    private static boolean allowedRole(Route route, Who who) {
        String role = switch (who) {
            case OWN_ENTERPRISE, OTHER_ENTERPRISE -> Roles.ENTERPRISE;
            case PLATFORM -> Roles.PLATFORM;
            case POLICY_STAFF -> Roles.POLICY_STAFF;
            default -> null;
        };
        return route.roles().contains(role);
    }

    /**
     * Routes that name one enterprise's data (its USCC, its grant, its message): another enterprise is 403.
     * Pages without such a parameter show the signed-in enterprise its own data, so any enterprise passes.
     */
    private static boolean ownersOnly(Route route) {
        return route.template().contains("{uscc}") || route.template().matches(".*/(grants|inbox)/\\{id}.*");
    }

    /** The route's template with each parameter given a value that exists; a parameter not known here fails the test. */
    private static String fill(Route route, Map<String, String> ids) {
        String t = route.template();
        Matcher m = PARAM.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String before = t.substring(0, m.start());
            String value = switch (m.group(1)) {
                case "uscc" -> ids.get("uscc");
                case "name" -> "acceptance";
                case "number", "n" -> "1";
                case "code" -> "SCJG-SPJY-001";
                case "id" -> before.endsWith("/grants/") ? ids.get("grant")
                        : before.endsWith("/inbox/") ? ids.get("message")
                        : before.endsWith("/decisions/") ? ids.get("decision")
                        : before.endsWith("/runs/") ? ids.get("run")
                        : before.endsWith("/simulations/") ? ids.get("simulation")
                        : before.endsWith("/policies/") ? "T-FLOW-2026"
                        : null;
                default -> null;
            };
            if (value == null) {
                fail("SecurityTest does not know a value for {" + m.group(1) + "} in " + route + " (" + route.declaredBy() + "): add one to fill()");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Response call(Route route, String path, Who who, String own, String other) {
        RequestSpecification request = given().config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)));
        String token = switch (who) {
            case NO_TOKEN -> null;
            case BAD_TOKEN -> TestTokens.token("x", Set.of(Roles.PLATFORM, Roles.POLICY_STAFF), null) + "x";   // signature broken
            case OWN_ENTERPRISE -> TestTokens.token(own, Set.of(Roles.ENTERPRISE), own);
            case OTHER_ENTERPRISE -> TestTokens.token(other, Set.of(Roles.ENTERPRISE), other);
            case PLATFORM -> TestTokens.token("platform-test", Set.of(Roles.PLATFORM), null);
            case POLICY_STAFF -> TestTokens.token("staff-test", Set.of(Roles.POLICY_STAFF), null);
        };
        if (token == null) {
            request.header(SignedInByDefault.ANONYMOUS, "true");
        } else if (route.page()) {
            // a browser sends the cookie set at sign-in; the default test token must not be added
            request.cookie("zhiban_token", token).header(SignedInByDefault.ANONYMOUS, "true");
        } else {
            request.header("Authorization", "Bearer " + token);
        }
        body(route, path, request, own);
        return request.request(route.method(), path);
    }

    /** A body of the kind the route consumes, well formed where a test value is at hand; the security answer must not depend on it. */
    private static void body(Route route, String path, RequestSpecification request, String own) {
        if (!Set.of("POST", "PUT", "PATCH").contains(route.method())) {
            return;
        }
        List<String> consumes = route.consumes();
        if (consumes.contains("application/zip")) {
            request.contentType("application/zip").body(zip("rules/acceptance/x.drl", "package acceptance;"));
        } else if (consumes.contains("application/x-ndjson")) {
            request.contentType("application/x-ndjson").body(new byte[0]);
        } else if (route.page() || path.equals("/login") || path.equals("/logout") || path.equals("/calculator")) {
            request.contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("token", "not.a.token!")
                    .formParam("bankAccount", "6222021234567890123").formParam("regionCode", "510107");
        } else {
            request.contentType("application/json").body(jsonBody(path, own));
        }
    }

    private static Object jsonBody(String path, String own) {
        Map<String, Object> known = new LinkedHashMap<>();
        known.put("/api/v1/enterprises/" + own, Api.enterprise("A", "A"));
        known.put("/api/v1/matching/evaluate", Map.of("asOf", "2026-06-01", "profile", Map.of("regionCode", "510107")));
        known.put("/api/v1/acceptance/decisions", Api.application("SCJG-SPJY-001", own, "2026-06-01", List.of("M01"), List.of(), false));
        known.put("/api/v1/rulesets/acceptance/versions", Map.of("files", Map.of("rules/acceptance/x.drl", "package acceptance;")));
        known.put("/api/v1/rulesets/acceptance/versions/1/simulations", Map.of("days", 1));
        known.put("/api/v1/enterprises/" + own + "/subscriptions", Map.of("categories", List.of("测试")));
        if (known.containsKey(path)) {
            return known.get(path);
        }
        if (path.endsWith("/confirm")) {
            return Map.of("bankAccount", "6222021234567890123", "date", "2026-06-02");
        }
        if (path.endsWith("/runs") || path.endsWith("/announcements") || path.endsWith("/sweep")) {
            return Map.of("asOf", "2026-06-01");
        }
        if (path.endsWith("/expire")) {
            return Map.of("date", "2026-01-01");
        }
        if (path.endsWith("/supplements")) {
            return Map.of("materials", List.of("M99"), "date", "2026-06-02");
        }
        if (path.endsWith("/verifications")) {
            return Map.of("outcome", "MAYBE", "date", "2026-06-02");
        }
        return Map.of();
    }

    private static byte[] zip(String name, String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Test
    void badTokensAre401ProblemJson() {
        for (String header : List.of("Bearer not-a-token", "Bearer " + TestTokens.token("x", Set.of(Roles.PLATFORM), null) + "x", "Basic dXNlcjpwYXNz")) {
            given().header("Authorization", header).get("/api/v1/enterprises/91510107MA6LGA5KXD").then()
                    .statusCode(401).contentType("application/problem+json");
        }
        given().header(SignedInByDefault.ANONYMOUS, "true").get("/api/v1/rulesets").then()
                .statusCode(401).contentType("application/problem+json").body("errors[0].field", equalTo("Authorization"));
        given().header("Authorization", TestTokens.enterprise("91510107MA6LGA5KXD")).get("/api/v1/rulesets").then()
                .statusCode(403).contentType("application/problem+json");
    }
}
