package cn.zhiban.web;

import cn.zhiban.policydata.PolicyDataFiles;
import cn.zhiban.rules.RuleEvaluationLimitException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.HibernateException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every error leaves the service as application/problem+json, naming the field and the reason. */
public class ProblemMappers {
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    AgroalDataSource dataSource;

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        return problem(problem.status(), problem.title(), problem.errors(), uri);
    }

    /** Declared for the subtype too: Quarkus ships its own (plain JSON) mapper for it. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiProblem problem) {   // refused while being read (BodyLimit)
                return apiProblem(problem, uri);
            }
        }
        String field = e instanceof JsonMappingException mapping ? PolicyDataFiles.path(mapping) : "";
        String reason;
        if (e instanceof UnrecognizedPropertyException unknown) {
            field = PolicyDataFiles.path(unknown);
            reason = "未知字段,允许的字段为 " + unknown.getKnownPropertyIds();
        } else if (e instanceof InvalidFormatException format) {
            reason = "值 '" + format.getValue() + "' 不是合法的" + typeName(format.getTargetType());
        } else if (e instanceof MismatchedInputException mismatched) {
            reason = "类型错误,应为" + typeName(mismatched.getTargetType());
        } else {
            reason = "请求体不是合法的 JSON:" + e.getOriginalMessage();
        }
        return problem(400, "请求体无法解析", List.of(new FieldError(field.isEmpty() ? "(body)" : field, reason)), uri);
    }

    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class, io.quarkus.security.AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        String path = uri == null ? "" : uri.getPath();
        if (page(uri)) {
            // a stale or broken cookie is dropped, so the sign-in page it links to opens
            return Response.fromResponse(page(401, "请先登录", "登录已失效或尚未登录,请<a href=\"/login\">登录</a>后再访问此页面。"))
                    .cookie(new jakarta.ws.rs.core.NewCookie.Builder("zhiban_token").value("").path("/").maxAge(0).httpOnly(true).build()).build();
        }
        return problem(401, "未登录", List.of(new FieldError("Authorization", "需要有效的 Bearer 令牌")), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        if (page(uri)) {
            return page(403, "无权访问", "您的账号无权访问此页面。<a href=\"/login\">换一个账号登录</a>");
        }
        return problem(403, "无权访问", List.of(new FieldError("Authorization", "令牌的角色或所属企业不允许此操作")), uri);
    }

    /** Pages are read by people in a browser: they answer a page, never problem+json. */
    private static boolean page(UriInfo uri) {
        String path = uri == null ? "" : uri.getPath();
        return path.startsWith("/portal") || path.startsWith("/console") || path.equals("/login") || path.equals("/logout") || path.equals("/calculator");
    }

    private static Response page(int status, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + title + " · 智办</title></head>"
                + "<body><h1>" + title + "</h1><p>" + body + "</p></body></html>";
        return Response.status(status).type("text/html;charset=UTF-8").entity(html).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        String reason = status == 404 ? "没有这个地址" : e.getMessage();
        return problem(status, Response.Status.fromStatusCode(status) == null ? "请求失败" : Response.Status.fromStatusCode(status).getReasonPhrase(),
                List.of(new FieldError("(request)", reason)), uri);
    }

    /**
     * A rule set version that ran away (too many firings, too long): the service cannot answer with these rules;
     * the request wrote nothing (its transaction rolled back). Names the version and the rule for policy staff.
     */
    @ServerExceptionMapper
    public Response ruleEvaluationLimit(RuleEvaluationLimitException e, UriInfo uri) {
        LOG.errorf("rule set %s stopped on %s: %s", e.version(), uri.getPath(), e.getMessage());
        Map<String, Object> body = body(503, "规则集评估超出限制", List.of(new FieldError("(ruleset)", e.getMessage())), uri.getPath());
        body.put("ruleSet", e.ruleSet());
        body.put("version", e.version());
        body.put("rule", e.rule());
        return Response.status(503).type(PROBLEM_JSON).entity(body).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (databaseUnreachable(e)) {
            LOG.warn("database unreachable on " + uri.getPath() + ": " + e);
            return Response.fromResponse(problem(503, "服务暂不可用", List.of(new FieldError("(database)", "数据库暂不可用,请稍后重试")), uri))
                    .header("Retry-After", "5").build();
        }
        if (invalidValue(e)) {
            // The database refused a value (SQLSTATE class 22, e.g. a NUL byte in a path): the request's fault, rolled back.
            return problem(422, "请求内容不合法", List.of(new FieldError("(request)", "包含数据库无法保存的值(如 NUL 字符或超出范围的数值、日期)")), uri);
        }
        LOG.error("unexpected failure on " + uri.getPath(), e);
        return problem(500, "服务内部错误", List.of(new FieldError("(server)", "服务内部错误,已记录日志")), uri);
    }

    /** A lost or refused database connection is the service being unavailable (503), not a bug (500). */
    private boolean databaseUnreachable(Throwable e) {
        boolean touchedTheDatabase = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (connectionLost(t)) {
                return true;
            }
            touchedTheDatabase |= t instanceof SQLException || t instanceof PersistenceException
                    || t instanceof HibernateException || t instanceof RollbackException
                    || t instanceof HeuristicMixedException || t instanceof HeuristicRollbackException
                    || t instanceof SystemException || t instanceof TransactionalException;
        }
        // Some failures hide the connection (a commit the transaction manager reports only as rolled back): ask the pool.
        return touchedTheDatabase && !databaseAnswers();
    }

    /** Whether a lost connection appears anywhere in the cause chain (for background work, which has no request to answer). */
    public static boolean lostConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (connectionLost(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionLost(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof JDBCConnectionException || t instanceof ConnectException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            // 08: connection exception; 57P01–57P03: server shut down, crashed, or still starting
            return state.startsWith("08") || state.startsWith("57P0")
                    || (state.isEmpty() && String.valueOf(sql.getMessage()).contains("cquisition timeout"));   // Agroal's pool, no SQLState
        }
        return false;
    }

    private boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static boolean invalidValue(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    static Response problem(int status, String title, List<FieldError> errors, UriInfo uri) {
        return Response.status(status).type(PROBLEM_JSON).entity(body(status, title, errors, uri == null ? null : uri.getPath())).build();
    }

    /** The RFC 9457 body; {@code path} (may be null) becomes its instance. */
    static Map<String, Object> body(int status, String title, List<FieldError> errors, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", errors.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b).orElse(title));
        if (path != null) {
            body.put("instance", path);
        }
        body.put("errors", errors);
        return body;
    }


    private static String typeName(Class<?> type) {
        if (type == null) {
            return "值";
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "日期(YYYY-MM-DD)";
            case "Boolean", "boolean" -> "布尔值(true/false)";
            case "Integer", "int", "Long", "long" -> "整数";
            case "BigDecimal" -> "数值";
            case "String" -> "字符串";
            case "List", "Set" -> "数组";
            default -> type.getSimpleName().endsWith("Request") || type.getSimpleName().endsWith("Input") ? "JSON 对象" : type.getSimpleName();
        };
    }
}
