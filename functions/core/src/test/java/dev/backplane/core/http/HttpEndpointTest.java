package dev.backplane.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.error.ConflictException;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.error.ValidationException;
import dev.backplane.core.idempotency.Idempotency;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.DynamoIdempotencyStore;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.core.trace.Hop;
import dev.backplane.core.trace.HopRecorder;
import dev.backplane.core.trace.Hops;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HttpEndpointTest {
    record Greeting(String name) {}

    private final AtomicInteger runs = new AtomicInteger();
    private final Idempotency idempotency = new Idempotency(new DynamoIdempotencyStore(LocalDynamo.client(), LocalDynamo.newAppTable()));
    private final HttpEndpoint write = HttpEndpoint.write("greet", () -> idempotency, request -> {
        Greeting g = request.body(Greeting.class);
        if (g.name() == null || g.name().isBlank()) throw ValidationException.of("name", "required");
        if (g.name().equals("taken")) throw new ConflictException("name-taken", "that name is taken");
        return ApiResponse.created("/greetings/" + runs.incrementAndGet(), Map.of("hello", g.name()));
    });

    @Test
    void rendersJsonAndEchoesTheCorrelationId() {
        APIGatewayV2HTTPResponse r = write.handle(event("{\"name\":\"ada\"}", Map.of("x-correlation-id", "corr-abcdefgh")));
        assertEquals(201, r.getStatusCode());
        assertEquals("corr-abcdefgh", r.getHeaders().get("x-correlation-id"));
        assertEquals("/greetings/1", r.getHeaders().get("location"));
        assertEquals("ada", Json.tree(r.getBody()).get("hello").asString());
    }

    @Test
    void mintsACorrelationIdWhenAbsentOrUnsafe() {
        APIGatewayV2HTTPResponse r = write.handle(event("{\"name\":\"ada\"}", Map.of("x-correlation-id", "<script>")));
        assertTrue(r.getHeaders().get("x-correlation-id").matches("[0-9a-f-]{36}"));
    }

    @Test
    void malformedJsonUnknownFieldsAndWrongTypesAre400WithTheField() {
        assertProblem(write.handle(event("{not json", Map.of())), 400, "malformed-request");
        JsonNode unknown = assertProblem(write.handle(event("{\"nam\":\"x\"}", Map.of())), 400, "malformed-request");
        assertEquals("nam", unknown.get("errors").get(0).get("field").asString());
        assertProblem(write.handle(event("{\"name\":[1]}", Map.of())), 400, "malformed-request");
    }

    @Test
    void domainErrorsMapToStableProblemTypes() {
        JsonNode invalid = assertProblem(write.handle(event("{\"name\":\"\"}", Map.of())), 422, "validation-failed");
        assertEquals("name", invalid.get("errors").get(0).get("field").asString());
        assertProblem(write.handle(event("{\"name\":\"taken\"}", Map.of())), 409, "name-taken");
        HttpEndpoint missing = HttpEndpoint.read("missing", r -> { throw new NotFoundException("order", "o1"); });
        assertProblem(missing.handle(event(null, Map.of())), 404, "not-found");
    }

    @Test
    void oversizedBodyIs413AndUnexpectedErrorsAreOpaque500() {
        assertProblem(write.handle(event("{\"name\":\"" + "x".repeat(70_000) + "\"}", Map.of())), 413, "payload-too-large");
        HttpEndpoint broken = HttpEndpoint.read("broken", r -> { throw new IllegalStateException("secret internals"); });
        APIGatewayV2HTTPResponse r = broken.handle(event(null, Map.of()));
        JsonNode problem = assertProblem(r, 500, "internal-error");
        assertFalse(r.getBody().contains("secret internals"));
        assertFalse(r.getBody().contains("IllegalStateException"));
        assertEquals(r.getHeaders().get("x-correlation-id"), problem.get("correlationId").asString());
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponseAndRejectsAnotherBody() {
        Map<String, String> headers = Map.of("idempotency-key", "key-1");
        APIGatewayV2HTTPResponse first = write.handle(event("{\"name\":\"ada\"}", headers));
        APIGatewayV2HTTPResponse again = write.handle(event("{\"name\":\"ada\"}", headers));
        assertEquals(201, again.getStatusCode());
        assertEquals(first.getBody(), again.getBody());
        assertEquals(first.getHeaders().get("location"), again.getHeaders().get("location"));
        assertEquals("true", again.getHeaders().get("idempotent-replayed"));
        assertNull(first.getHeaders().get("idempotent-replayed"));
        assertEquals(1, runs.get());
        assertProblem(write.handle(event("{\"name\":\"bob\"}", headers)), 422, "idempotency-key-reused");
        assertProblem(write.handle(event("{\"name\":\"ada\"}", Map.of("idempotency-key", "bad key with spaces"))), 400, "invalid-idempotency-key");
    }

    @Test
    void failedWritesAreNotRememberedByTheirKey() {
        Map<String, String> headers = Map.of("idempotency-key", "key-2");
        assertProblem(write.handle(event("{\"name\":\"taken\"}", headers)), 409, "name-taken");
        assertProblem(write.handle(event("{\"name\":\"taken\"}", headers)), 409, "name-taken");
    }

    static JsonNode assertProblem(APIGatewayV2HTTPResponse r, int status, String type) {
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals(Problem.MEDIA_TYPE, r.getHeaders().get("content-type"));
        JsonNode body = Json.tree(r.getBody());
        assertEquals(Problem.BASE + type, body.get("type").asString());
        assertEquals(status, body.get("status").asInt());
        return body;
    }

    @Test
    void writesRecordAnHttpHopAndReadsNone() {
        List<List<Hop>> writes = new ArrayList<>();
        Hops.use(writes::add);
        try {
            write.handle(event("{\"name\":\"ada\"}", Map.of("x-correlation-id", "corr-hops-0001")));
            APIGatewayV2HTTPEvent get = event(null, Map.of("x-correlation-id", "corr-hops-0002"));
            get.getRequestContext().getHttp().setMethod("GET");
            HttpEndpoint.read("greeting", request -> ApiResponse.ok(Map.of("hello", "ada"))).handle(get);
        } finally {
            Hops.use(HopRecorder.NONE);
        }
        assertEquals(1, writes.size(), "the write's hop only: " + writes);
        Hop hop = writes.getFirst().getFirst();
        assertEquals("corr-hops-0001", hop.correlationId());
        assertEquals("POST /greetings → 201", hop.detail());
    }

    static APIGatewayV2HTTPEvent event(String body, Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(headers);
        h.put("content-type", "application/json");
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /greetings").withRawPath("/greetings").withBody(body)
            .withHeaders(h).withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-1")
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/greetings").build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        .withClaims(Map.of("sub", "user-1", "email", "a@example.com")).build()).build()).build())
            .build();
    }
}
