package dev.backplane.core.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.core.http.HttpEndpoint;
import dev.backplane.core.idempotency.Idempotency;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.DynamoIdempotencyStore;
import dev.backplane.core.testing.LocalDynamo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Token buckets on DynamoDB Local: bursts within capacity pass, beyond it 429 with Retry-After, never over-granted. */
class RateLimiterTest {
    private final String table = LocalDynamo.newAppTable();
    private final DynamoBucketStore buckets = new DynamoBucketStore(LocalDynamo.client(), table);

    @Test
    void aBurstWithinTheBucketPassesAndTheNextIsRefusedUntilATokenRefills() {
        RateLimit limit = RateLimit.parse("5/10s");
        Instant t0 = Instant.parse("2026-11-30T12:00:00Z");
        for (int i = 0; i < 5; i++) assertTrue(buckets.take("k", limit, t0).allowed(), "request " + i);
        Decision refused = buckets.take("k", limit, t0);
        assertFalse(refused.allowed());
        assertEquals(Duration.ofSeconds(2), refused.retryAfter(), "one token refills every 2 s");
        assertFalse(buckets.take("k", limit, t0.plusMillis(1999)).allowed());
        assertTrue(buckets.take("k", limit, t0.plusSeconds(2)).allowed());
        assertFalse(buckets.take("k", limit, t0.plusSeconds(2)).allowed());
        // after a full period the whole burst is back
        for (int i = 0; i < 5; i++) assertTrue(buckets.take("k", limit, t0.plusSeconds(30)).allowed());
        assertTrue(buckets.take("other", limit, t0).allowed(), "buckets are per key");
    }

    @Test
    void concurrentCallersNeverGetMoreTokensThanTheBucketHolds() throws Exception {
        RateLimit limit = RateLimit.parse("10/1h");
        Instant now = Instant.now();
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) calls.add(() -> buckets.take("shared", limit, now).allowed());
        int allowed = 0;
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> f : pool.invokeAll(calls)) if (f.get()) allowed++;
        }
        assertTrue(allowed <= 10, "granted " + allowed + " of 10 tokens");
        assertTrue(allowed >= 7, "contention may refuse a few, not most: " + allowed);
    }

    @Test
    void limitsAreConfiguredPerEndpointWithGenerousDefaults() {
        RateLimits limits = RateLimits.parse("write=3/1m; placeOrder=50/10s; stripeWebhook=off; anonymous=7/1m");
        assertEquals(Optional.of(RateLimit.parse("50/10s")), limits.perUser("placeOrder"));
        assertEquals(Optional.of(RateLimit.parse("3/1m")), limits.perUser("cancelOrder"));
        assertEquals(Optional.of(RateLimits.DEFAULT_IP), limits.perIp("cancelOrder"));
        assertEquals(Optional.empty(), limits.anonymous("stripeWebhook"));
        assertEquals(Optional.of(RateLimit.parse("7/1m")), limits.anonymous("listProducts"));
    }

    @Test
    void aWriteEndpointAnswers429ProblemWithRetryAfterBeyondTheBucket() {
        RateLimiter limiter = new RateLimiter(buckets, RateLimits.parse("write=3/1m"), Clock.systemUTC());
        Idempotency idempotency = new Idempotency(new DynamoIdempotencyStore(LocalDynamo.client(), table));
        HttpEndpoint endpoint = HttpEndpoint.write("burst", () -> idempotency, r -> ApiResponse.created("/x", Map.of("ok", true)))
            .withRateLimiter(() -> Optional.of(limiter));
        for (int i = 0; i < 3; i++) assertEquals(201, endpoint.handle(event("alice", "10.0.0.1")).getStatusCode());
        APIGatewayV2HTTPResponse refused = endpoint.handle(event("alice", "10.0.0.1"));
        assertEquals(429, refused.getStatusCode());
        assertEquals("application/problem+json", refused.getHeaders().get("content-type"));
        assertEquals("https://backplane.dev/problems/rate-limited", Json.tree(refused.getBody()).get("type").asString());
        assertEquals("20", refused.getHeaders().get("retry-after"), "a token per 20 s");
        assertEquals(201, endpoint.handle(event("bob", "10.0.0.1")).getStatusCode(), "bob has his own bucket");
    }

    @Test
    void anonymousReadsAreLimitedPerIpAndSignedInReadsAreNot() {
        RateLimiter limiter = new RateLimiter(buckets, RateLimits.parse("anonymous=2/1m"), Clock.systemUTC());
        HttpEndpoint read = HttpEndpoint.read("catalog", r -> ApiResponse.ok(Map.of())).withRateLimiter(() -> Optional.of(limiter));
        assertEquals(200, read.handle(event(null, "10.0.0.9")).getStatusCode());
        assertEquals(200, read.handle(event(null, "10.0.0.9")).getStatusCode());
        assertEquals(429, read.handle(event(null, "10.0.0.9")).getStatusCode());
        assertEquals(200, read.handle(event(null, "10.0.0.10")).getStatusCode());
        for (int i = 0; i < 4; i++) assertEquals(200, read.handle(event("carol", "10.0.0.9")).getStatusCode());
    }

    static APIGatewayV2HTTPEvent event(String userId, String ip) {
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-1")
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/x").withSourceIp(ip).build());
        if (userId != null) {
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(Map.of("sub", userId)).build()).build());
        }
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /x").withRawPath("/x").withBody("{}")
            .withHeaders(Map.of("content-type", "application/json")).withRequestContext(context.build()).build();
    }
}
