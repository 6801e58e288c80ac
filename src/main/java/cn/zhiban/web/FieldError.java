package cn.zhiban.web;

/** One reason a request was refused, naming the JSON field (a path like {@code listings[0].since}). */
public record FieldError(String field, String reason) {
}
