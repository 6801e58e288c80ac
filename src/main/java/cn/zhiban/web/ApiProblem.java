package cn.zhiban.web;

import java.util.List;

/**
 * A refused request, answered as RFC 9457 {@code application/problem+json}. Thrown before anything is
 * written (or inside the transaction that it rolls back), so a refused request changes nothing.
 */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public ApiProblem(int status, String title, List<FieldError> errors) {
        super(title + ": " + errors);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem notFound(String field, String reason) {
        return new ApiProblem(404, "资源不存在", List.of(new FieldError(field, reason)));
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        return new ApiProblem(422, "请求内容不合法", errors);
    }

    public static ApiProblem invalid(String field, String reason) {
        return invalid(List.of(new FieldError(field, reason)));
    }

    public static ApiProblem conflict(String field, String reason) {
        return new ApiProblem(409, "与当前状态冲突", List.of(new FieldError(field, reason)));
    }

    public int status() { return status; }
    public String title() { return title; }
    public List<FieldError> errors() { return errors; }
}
