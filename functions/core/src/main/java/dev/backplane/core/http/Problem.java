package dev.backplane.core.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.backplane.core.error.FieldError;
import java.util.List;

/** RFC 9457 problem details. {@code type} is stable per kind of failure; clients branch on it, never on text. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String correlationId,
                      List<FieldError> errors) {
    public static final String BASE = "https://backplane.dev/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail, String correlationId) {
        return new Problem(BASE + code, title, status, detail, null, correlationId, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, correlationId, fieldErrors);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, correlationId, errors);
    }
}
