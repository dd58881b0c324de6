package dev.backplane.core.http;

import dev.backplane.core.error.FieldError;
import java.util.List;

/** A protocol-level failure found by the HTTP plumbing itself (malformed JSON, body too large, bad header). */
public final class HttpProblemException extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;

    public HttpProblemException(int status, String code, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors;
    }

    public HttpProblemException(int status, String code, String title, String detail) {
        this(status, code, title, detail, null);
    }

    public Problem toProblem(String correlationId) {
        Problem p = Problem.of(status, code, title, getMessage(), correlationId);
        return errors == null ? p : p.withErrors(errors);
    }
}
