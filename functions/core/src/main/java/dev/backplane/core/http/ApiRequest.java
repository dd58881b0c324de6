package dev.backplane.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.backplane.core.auth.Caller;
import dev.backplane.core.auth.CallerResolver;
import dev.backplane.core.error.FieldError;
import dev.backplane.core.error.UnauthorizedException;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.Trace;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An API Gateway HTTP API (payload 2.0) request, with the checks every endpoint needs applied on access. */
public final class ApiRequest {
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private final APIGatewayV2HTTPEvent event;
    private final String correlationId;
    private final Map<String, String> headers;

    ApiRequest(APIGatewayV2HTTPEvent event, String correlationId) {
        this.event = event;
        this.correlationId = correlationId;
        this.headers = lowerCase(event.getHeaders());
    }

    public static String correlationIdOf(APIGatewayV2HTTPEvent event) {
        String given = lowerCase(event.getHeaders()).get("x-correlation-id");
        return given != null && given.matches("[A-Za-z0-9._:-]{8,128}") ? given : Trace.mintId();
    }

    public String correlationId() { return correlationId; }

    public String method() { return event.getRequestContext() == null ? "" : event.getRequestContext().getHttp().getMethod(); }

    public String path() { return event.getRawPath(); }

    /** The client's IP as API Gateway saw it (null outside API Gateway). */
    public String sourceIp() {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null ? null : context.getHttp().getSourceIp();
    }

    public String routeKey() { return event.getRouteKey(); }

    public Optional<String> header(String name) { return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))); }

    public Optional<Caller> caller() { return CallerResolver.resolve(event); }

    /** The caller; 401 when the route was (mis)configured without an authorizer. */
    public Caller requireCaller() {
        return caller().orElseThrow(() -> new UnauthorizedException("this endpoint needs an authenticated caller"));
    }

    /** The trace this request starts: correlation id from the edge, caused by this request, acted by the caller. */
    public Trace trace() {
        String requestId = event.getRequestContext() == null ? correlationId : event.getRequestContext().getRequestId();
        Actor actor = caller().map(Caller::actor).orElse(new Actor("anonymous", List.of()));
        return new Trace(correlationId, requestId == null ? correlationId : requestId, actor);
    }

    public String pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null || value.isBlank() || value.length() > 128) {
            throw new HttpProblemException(400, "invalid-path-parameter", "Invalid path parameter",
                "path parameter '" + name + "' is missing or too long", List.of(new FieldError(name, "required, at most 128 characters")));
        }
        return value;
    }

    public Optional<String> query(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        return Optional.ofNullable(params == null ? null : params.get(name)).filter(v -> !v.isEmpty());
    }

    /** A query parameter as sent, also when empty ({@link #query} treats an empty one as absent). */
    public Optional<String> rawQuery(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        return Optional.ofNullable(params == null ? null : params.get(name));
    }

    public int queryInt(String name, int fallback, int min, int max) {
        Optional<String> raw = query(name);
        if (raw.isEmpty()) return fallback;
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) return value;
        } catch (NumberFormatException ignored) {
            // reported below with the allowed range
        }
        throw new HttpProblemException(400, "invalid-query-parameter", "Invalid query parameter",
            name + " must be an integer between " + min + " and " + max, List.of(new FieldError(name, "integer in [" + min + ", " + max + "]")));
    }

    /** The raw body text (base64-decoded when API Gateway encoded it), at most 64 KB. */
    public String rawBody() { return text(true); }

    /**
     * {@code strictUtf8}: invalid UTF-8 in a base64-encoded body is a 400 for the whole body; otherwise it becomes U+FFFD,
     * as a gateway passing text does, and {@link StrictBody} refuses it naming the field it is in.
     */
    private String text(boolean strictUtf8) {
        String body = event.getBody();
        if (body == null) return "";
        byte[] bytes;
        try {
            bytes = event.getIsBase64Encoded() ? Base64.getMimeDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpProblemException(400, "malformed-request", "Malformed request", "the request body is not valid base64");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new HttpProblemException(413, "payload-too-large", "Payload too large",
                "request body is " + bytes.length + " bytes; the limit is " + MAX_BODY_BYTES);
        }
        if (!event.getIsBase64Encoded()) return body;
        if (!strictUtf8) return new String(bytes, StandardCharsets.UTF_8);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new HttpProblemException(400, "invalid-encoding", "Invalid text encoding", "the request body is not valid UTF-8",
                List.of(new FieldError("body", "must be valid UTF-8 text")));
        }
    }

    /**
     * Parses the JSON body into {@code type} strictly ({@link StrictBody}): 415 if not JSON, 400 if malformed, of the
     * wrong type or not valid UTF-8, naming the offending field and rule.
     */
    public <T> T body(Class<T> type) {
        String contentType = header("content-type").orElse("application/json").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json")) {
            throw new HttpProblemException(415, "unsupported-media-type", "Unsupported media type",
                "send the body as application/json");
        }
        String raw = text(false);
        if (raw.isBlank()) {
            throw new HttpProblemException(400, "malformed-request", "Malformed request", "a JSON body is required");
        }
        return StrictBody.read(raw, type);
    }

    private static Map<String, String> lowerCase(Map<String, String> raw) {
        if (raw == null) return Map.of();
        var out = new java.util.HashMap<String, String>();
        raw.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }
}
