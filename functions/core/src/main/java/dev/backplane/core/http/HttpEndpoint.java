package dev.backplane.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.idempotency.Idempotency;
import dev.backplane.core.json.Json;
import dev.backplane.core.observability.Observability;
import dev.backplane.core.ratelimit.RateLimiter;
import dev.backplane.core.ratelimit.RateLimiting;
import dev.backplane.core.trace.Hop;
import dev.backplane.core.trace.HopKind;
import dev.backplane.core.trace.Hops;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * Wraps a {@link Route} into the Lambda function API Gateway calls: correlation id in and out, structured logs,
 * metrics, RFC 9457 errors (never a stack trace to the client) and, for writes, the {@code Idempotency-Key}.
 */
public final class HttpEndpoint implements Function<Message<APIGatewayV2HTTPEvent>, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Duration WRITE_LOCK = Duration.ofSeconds(30);

    private final String name;
    private final Route route;
    private final Supplier<Idempotency> idempotency;
    private Supplier<Optional<RateLimiter>> limiter = RateLimiting::fromEnvironment;

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private HttpEndpoint(String name, Route route, Supplier<Idempotency> idempotency) {
        this.name = name;
        this.route = route;
        this.idempotency = idempotency;
    }

    /** Replaces the limiter from the environment (tests; {@code Optional::empty} for none). */
    public HttpEndpoint withRateLimiter(Supplier<Optional<RateLimiter>> limiter) {
        this.limiter = limiter;
        return this;
    }

    public static HttpEndpoint read(String name, Route route) { return new HttpEndpoint(name, route, null); }

    /** A write: a repeated {@code Idempotency-Key} (same caller, route and body) replays the first response. */
    public static HttpEndpoint write(String name, Supplier<Idempotency> idempotency, Route route) {
        return new HttpEndpoint(name, route, idempotency);
    }

    public String name() { return name; }

    /** A write endpoint: {@code Idempotency-Key} honoured, and the rate limiter applies its write buckets (per user and IP). */
    public boolean isWrite() { return idempotency != null; }

    @Override
    public APIGatewayV2HTTPResponse apply(Message<APIGatewayV2HTTPEvent> message) {
        return handle(message.getPayload(), message);
    }

    /** Entry point without the Spring message (tests, other adapters). */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) { return handle(event, null); }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Message<?> message) {
        String correlationId = ApiRequest.correlationIdOf(event);
        return Observability.around(message == null ? null : FunctionApp.lambdaContext(message), correlationId, () -> {
            long started = System.nanoTime();
            Instant startedAt = Instant.now();
            APIGatewayV2HTTPResponse response = respond(new ApiRequest(event, correlationId));
            Observability.count(name + (response.getStatusCode() >= 500 ? ".5xx" : response.getStatusCode() >= 400 ? ".4xx" : ".2xx"), 1);
            Observability.millis(name + ".latency", (System.nanoTime() - started) / 1e6);
            String method = event.getRequestContext() == null ? "" : event.getRequestContext().getHttp().getMethod();
            // writes start the flows traces follow; a read changes nothing, and recording it would make every read a write.
            // By method, not isWrite(): the Stripe webhook is a POST that starts flows but is served without idempotency.
            if (!READS.contains(method)) {
                Hops.record(Hop.of(correlationId, name, HopKind.HTTP, startedAt, (System.nanoTime() - started) / 1_000_000)
                    .withDetail((method.isEmpty() ? "" : method + " ") + event.getRawPath() + " → " + response.getStatusCode()));
            }
            LOG.info("{} {} -> {}", method, event.getRawPath(), response.getStatusCode());
            return response;
        });
    }

    private APIGatewayV2HTTPResponse respond(ApiRequest request) {
        try {
            // before idempotency: replaying a stored response is still a request
            limiter.get().ifPresent(l -> l.check(name, idempotency != null, request.caller().map(c -> c.userId()), request.sourceIp()));
            if (idempotency != null && request.header("idempotency-key").isPresent()) return idempotent(request);
            return render(route.handle(request), request.correlationId());
        } catch (RuntimeException | Error e) {
            Problems.Mapped mapped = Problems.map(e, request.correlationId());
            if (mapped.unexpected()) LOG.error("unexpected failure in {}", name, e);
            else LOG.info("rejected: {} {}", mapped.problem().status(), mapped.problem().type());
            return problem(mapped.problem().withInstance(request.path()), mapped.headers(), request.correlationId());
        }
    }

    private APIGatewayV2HTTPResponse idempotent(ApiRequest request) {
        String key = request.header("idempotency-key").orElseThrow();
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new HttpProblemException(400, "invalid-idempotency-key", "Invalid Idempotency-Key",
                "Idempotency-Key must be 1-128 visible ASCII characters");
        }
        String caller = request.caller().map(c -> c.userId()).orElse("anonymous");
        String scope = "http:" + caller + ":" + request.routeKey() + ":" + key;
        String payload = request.method() + " " + request.path() + "\n" + request.rawBody();
        boolean[] fresh = {false};
        String stored = idempotency.get().execute(scope, payload, WRITE_LOCK, () -> {
            fresh[0] = true;
            return Json.write(StoredResponse.of(render(route.handle(request), request.correlationId())));
        });
        APIGatewayV2HTTPResponse response = Json.read(stored, StoredResponse.class).toResponse(request.correlationId());
        if (!fresh[0]) response.getHeaders().put("idempotent-replayed", "true");
        return response;
    }

    static APIGatewayV2HTTPResponse render(ApiResponse response, String correlationId) {
        Map<String, String> headers = baseHeaders(correlationId);
        headers.putAll(response.headers());
        String body = null;
        if (response.body() != null) {
            headers.put("content-type", "application/json");
            body = Json.write(response.body());
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(response.status()).withHeaders(headers).withBody(body).build();
    }

    private static APIGatewayV2HTTPResponse problem(Problem problem, Map<String, String> extra, String correlationId) {
        Map<String, String> headers = baseHeaders(correlationId);
        headers.putAll(extra);
        headers.put("content-type", Problem.MEDIA_TYPE);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(problem.status()).withHeaders(headers)
            .withBody(Json.write(problem)).build();
    }

    private static Map<String, String> baseHeaders(String correlationId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-correlation-id", correlationId);
        headers.put("cache-control", "no-store");
        return headers;
    }

    /** The parts of a response worth replaying; the correlation id is the replaying request's own. */
    record StoredResponse(int status, Map<String, String> headers, String body) {
        static StoredResponse of(APIGatewayV2HTTPResponse r) {
            Map<String, String> h = new LinkedHashMap<>(r.getHeaders());
            h.remove("x-correlation-id");
            return new StoredResponse(r.getStatusCode(), h, r.getBody());
        }

        APIGatewayV2HTTPResponse toResponse(String correlationId) {
            Map<String, String> h = baseHeaders(correlationId);
            h.putAll(headers);
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(h).withBody(body).build();
        }
    }

}
