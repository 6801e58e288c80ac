package cn.zhiban.web;

import java.util.ArrayList;
import java.util.List;

/** Collects every field error of a request so the caller learns all of them at once (一次性告知). */
public final class Validation {
    private final List<FieldError> errors = new ArrayList<>();

    public Validation reject(String field, String reason) {
        errors.add(new FieldError(field, reason));
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Throws a 422 problem listing every error, if there is any. */
    public void throwIfInvalid() {
        if (hasErrors()) {
            throw ApiProblem.invalid(errors);
        }
    }
}
