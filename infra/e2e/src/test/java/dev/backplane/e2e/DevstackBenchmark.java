package dev.backplane.e2e;

import dev.backplane.core.event.Actor;
import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Subject;
import dev.backplane.core.event.Trace;
import dev.backplane.core.json.Json;
import dev.backplane.core.store.UnitOfWork;
import dev.backplane.devstack.stripe.StripeSimulator;
import dev.backplane.devstack.stripe.WebhookSignature;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * devstack benchmarks on the real template and artifacts (not a test; results go to docs/benchmarks.md):
 * warm API calls through the HTTP API (incl. signed Stripe webhooks), POST /orders → event store consumer latency, outbox → consumer throughput.
 * Run: {@code ./backplane bench devstack} (a plain {@code java -cp} run: devstack's servers are non-daemon threads, so
 * the main ends with an explicit exit, also on failure).
 */
public final class DevstackBenchmark {
    private static LocalSystem system;

    public static void main(String[] args) {
        try {
            system = LocalSystem.get();
            run();
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        System.out.printf("devstack startup (template read → all endpoints ready): %d ms%n%n", system.devstack.startupMillis());
        String alice = system.oidc.accessToken("alice");
        String admin = system.oidc.accessToken("admin");
        settle(); // the catalog seed's events cold-start half the consumers: first calls must not compete with them
        System.out.println("| measure | n | p50 | p99 | max |\n|---|---|---|---|---|");
        // first calls: each pays its functions' cold starts (and the authorizer's, for /orders), no AOT cache
        firstCall("first GET /products/{id} (catalog function cold)", () -> system.send("GET", "/products/p-espresso", null, null, Map.of()));
        firstCall("first GET /orders (orders function cold; authorizer pre-started)", () -> system.send("GET", "/orders?limit=5", alice, null, Map.of()));
        firstCall("first POST /webhooks/stripe (webhook function cold)", () -> webhook("customer.created"));
        warmApi("GET /products/{id} (public, warm)", 1000, () -> system.send("GET", "/products/p-espresso", null, null, Map.of()), 200);
        warmApi("GET /orders (Lambda authorizer cached, warm)", 1000, () -> system.send("GET", "/orders?limit=5", alice, null, Map.of()), 200);
        // signed Stripe webhooks: an expiry of a session Backplane never created (verified, then recorded as rejected in
        // one write), and an event type nobody acts on: no write, so gateway + function overhead alone
        warmApi("POST /webhooks/stripe (expiry of an unknown session: verified, recorded as rejected, warm)", 300, () -> webhook("checkout.session.expired"), 200);
        warmApi("POST /webhooks/stripe (acknowledged without writes, warm)", 300, () -> webhook("customer.created"), 200);
        endToEnd(alice, admin, 100);
        throughput(Integer.parseInt(System.getProperty("events", "5000")));
        dynamoDbLocalCeiling();
        var stats = system.devstack.stats(); // what GET /_devstack/stats answers
        System.out.printf("%nfunction JVMs at the end: %d (budget %d), resident memory %d MB in all; warm instances %s%n",
            stats.get("instances").asInt(), stats.get("maxJvms").asInt(), stats.get("functionRssMb").asLong(), stats.get("warmInstances"));
    }

    private static void firstCall(String name, Call call) {
        long start = System.nanoTime();
        HttpResponse<String> r = call.run();
        double ms = (System.nanoTime() - start) / 1e6;
        // a first call that outlives the function's Timeout (a cold start on a loaded machine) is reported, not fatal
        System.out.printf("| %s | 1 | %.0f ms%s | — | — |%n", name, ms, r.statusCode() < 500 ? "" : " (answered " + r.statusCode() + ")");
    }

    interface Call { HttpResponse<String> run(); }

    /** Until no function is invoked for 3 s and every queue is empty (at most 3 minutes). */
    private static void settle() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long invocations = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            var stats = system.devstack.stats();
            long now = stats.get("invocations").asLong();
            boolean queuesEmpty = true;
            for (var queue : stats.get("queues")) queuesEmpty &= queue.get("visible").asLong() + queue.get("inFlight").asLong() == 0;
            if (now != invocations || !queuesEmpty) {
                invocations = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(3).toNanos()) {
                return;
            }
            Thread.sleep(250);
        }
    }

    private static HttpResponse<String> webhook(String type) {
        String payload = "{\"id\":\"evt_bench_" + UUID.randomUUID().toString().replace("-", "") + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"created\":"
            + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"cs_test_bench\",\"object\":\"checkout.session\","
            + "\"status\":\"expired\",\"metadata\":{\"orderId\":\"ord_bench_none\"}}}}";
        String signature = WebhookSignature.header(StripeSimulator.DEFAULT_WEBHOOK_SECRET, payload, Instant.now().getEpochSecond());
        return system.send("POST", "/webhooks/stripe", null, payload, Map.of("stripe-signature", signature));
    }

    private static void warmApi(String name, int n, Call call, int expected) {
        for (int i = 0; i < 100; i++) call.run();
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = call.run();
            nanos[i] = System.nanoTime() - start;
            if (r.statusCode() != expected) throw new IllegalStateException(name + ": " + r.statusCode() + " " + r.body());
        }
        row(name, nanos);
    }

    /**
     * From sending POST /orders to the consumer having order.placed (the consumer's own timestamp; one host clock), to
     * its stored copy being readable (the trace item polled in the table every 5 ms: polling through
     * {@code GET /admin/traces} would add that call's own latency), and where that time goes, from the trace's
     * timestamps: gateway + authorizer until the function starts, the function until it creates the event, stream poll
     * until the relay starts, relay → EventBridge → SQS, SQS poll until the consumer has it, its writes until a reader
     * sees them. The owner's socket times the live push of the same event.
     */
    private static void endToEnd(String alice, String admin, int n) throws InterruptedException {
        DynamoDbClient dynamo = dynamo();
        long[] nanos = new long[n];
        long[] received = new long[n];
        long[] pushed = new long[n];
        long[][] parts = new long[PARTS.length][n];
        long[][] pushParts = new long[PUSH_PARTS.length][n];
        // the owner's socket: order.placed is pushed to it
        try (LiveClient live = Scenarios.connect(system, alice); ExecutorService waiter = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = -5; i < n; i++) {
                String correlationId = "bench-" + UUID.randomUUID();
                long start = System.nanoTime();
                long sentAt = System.currentTimeMillis();
                HttpResponse<String> placed = system.send("POST", "/orders", alice, "{\"lines\":[{\"productId\":\"p-filters\",\"quantity\":1}]}",
                    Map.of("x-correlation-id", correlationId));
                if (placed.statusCode() != 201) throw new IllegalStateException(placed.body());
                String orderId = Json.tree(placed.body()).get("id").asString();
                var push = CompletableFuture.supplyAsync(() -> {
                    live.await(m -> LiveClient.type(m, "order.placed") && orderId.equals(m.path("data").path("orderId").asString()), Duration.ofSeconds(30));
                    return new long[] {System.nanoTime(), System.currentTimeMillis()};
                }, waiter);
                while (count(dynamo, correlationId) == 0) Thread.sleep(5);
                long seenAt = System.currentTimeMillis();
                if (i >= 0) nanos[i] = System.nanoTime() - start;
                long[] pushedAt = push.join(); // before the next order: one waiter reads the socket at a time
                var hops = timeline(admin, correlationId);
                long[] marks = marks(hops, sentAt, seenAt);
                long[] pushMarks = pushMarks(hops, marks[4], pushedAt[1]);
                for (int p = 0; i >= 0 && p < PUSH_PARTS.length; p++) pushParts[p][i] = (pushMarks[p + 1] - pushMarks[p]) * 1_000_000;
                for (int p = 0; i >= 0 && p < PARTS.length; p++) parts[p][i] = (marks[p + 1] - marks[p]) * 1_000_000;
                if (i >= 0) received[i] = (marks[5] - marks[0]) * 1_000_000;
                if (i >= 0) pushed[i] = pushedAt[0] - start;
            }
        }
        row("POST /orders → relay → EventBridge → SQS → RecordEventFunction has it (warm)", received);
        row("POST /orders → … → its stored copy is readable (warm)", nanos);
        for (int p = 0; p < PARTS.length; p++) row("  of which " + PARTS[p], parts[p]);
        row("POST /orders → … → RealtimePushFunction → the owner's socket has order.placed (warm)", pushed);
        for (int p = 0; p < PUSH_PARTS.length; p++) row("  of which " + PUSH_PARTS[p], pushParts[p]);
    }

    /** The trace's hops once the relay's and the push's own hops are in (they are written after each call's work). */
    private static tools.jackson.databind.JsonNode timeline(String admin, String correlationId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            var hops = Json.tree(system.send("GET", "/admin/traces/" + correlationId, admin, null, Map.of()).body()).path("hops");
            boolean relayed = false, pushed = false;
            for (var hop : hops) {
                boolean recorded = "recorded".equals(hop.path("origin").asString(""));
                relayed |= recorded && "relay".equals(hop.path("kind").asString(""));
                pushed |= recorded && "push".equals(hop.path("kind").asString(""));
            }
            if (relayed && pushed || System.nanoTime() > deadline) return hops;
            Thread.sleep(20);
        }
    }

    private static final String[] PARTS = {"gateway + authorizer → placeOrder starts", "placeOrder until it creates order.placed",
        "commit → stream poll → relay starts", "relay → EventBridge → SQS", "SQS poll → RecordEvent has it", "RecordEvent writes it → a reader sees it (5 ms poll)"};

    private static final String[] PUSH_PARTS = {"bus sends to SQS → RealtimePush starts", "RealtimePush until its @connections posts are done",
        "posted → the socket has it"};

    /** Milliseconds: SQS sent, push start, push done, socket receipt. */
    private static long[] pushMarks(tools.jackson.databind.JsonNode hops, long sqsSent, long received) {
        long[] m = {sqsSent, -1, -1, received};
        for (var hop : hops) {
            if ("recorded".equals(hop.path("origin").asString("")) && "push".equals(hop.path("kind").asString(""))
                && "order.placed".equals(hop.path("eventType").asString("")) && m[1] < 0) {
                m[1] = epochMillis(hop.path("startedAt").asString(null));
                m[2] = epochMillis(hop.path("at").asString(null));
            }
        }
        return filled(m);
    }

    /** Milliseconds: sent, function start, commit, relay start, SQS sent, stored, seen. */
    private static long[] marks(tools.jackson.databind.JsonNode hops, long sentAt, long seenAt) {
        long[] m = {sentAt, -1, -1, -1, -1, -1, seenAt};
        for (var hop : hops) {
            String kind = hop.path("kind").asString("");
            boolean recorded = "recorded".equals(hop.path("origin").asString(""));
            long startedAt = epochMillis(hop.path("startedAt").asString(null));
            long at = epochMillis(hop.path("at").asString(null));
            if (recorded && kind.equals("http") && m[1] < 0) m[1] = startedAt;
            if (!recorded && kind.equals("request") && m[2] < 0) m[2] = at;
            if (recorded && kind.equals("relay") && m[3] < 0) m[3] = startedAt;
            if (!recorded && kind.equals("bus") && m[4] < 0) m[4] = at;
            if (!recorded && kind.equals("archive") && m[5] < 0) m[5] = at;
        }
        return filled(m);
    }

    /** A missing mark (-1) repeats the one before it, so its part counts as 0 ms. */
    private static long[] filled(long[] marks) {
        for (int i = 1; i < marks.length; i++) if (marks[i] < 0) marks[i] = marks[i - 1];
        return marks;
    }

    private static long epochMillis(String instant) { return instant == null ? -1 : Instant.parse(instant).toEpochMilli(); }

    /** N outbox events committed at once; time until the consumer has stored all of them; zero loss checked by count. */
    private static void throughput(int n) throws Exception {
        DynamoDbClient dynamo = dynamo();
        String correlationId = "throughput-" + UUID.randomUUID();
        long start = System.nanoTime();
        try (ExecutorService writers = Executors.newFixedThreadPool(8)) {
            IntStream.range(0, n / 10).forEach(batch -> writers.submit(() -> {
                UnitOfWork uow = new UnitOfWork("AppTable", "backplane.bench", new Trace(correlationId, "bench", Actor.SYSTEM), Clock.systemUTC());
                for (int i = 0; i < 10; i++) uow.publish(NewEvent.of("bench.happened", new Subject("bench", batch + "-" + i), Map.of("i", i)));
                uow.commit(dynamo);
            }));
        }
        long written = System.nanoTime();
        int stored = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (stored < n && System.nanoTime() < deadline) {
            Thread.sleep(500); // each count reads every stored item again: polled often, it would load DynamoDB Local
            stored = count(dynamo, correlationId);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%nthroughput: %d events written in %.1f s, %d stored by the consumer after %.1f s → %.0f events/s end to end (%s)%n",
            n, (written - start) / 1e9, stored, seconds, stored / seconds, stored == n ? "zero loss" : "LOSS: " + (n - stored) + " missing");
    }

    /**
     * What DynamoDB Local alone absorbs on this machine while the function JVMs idle: event-store-shaped items (an
     * event's JSON, TTL) in BatchWriteItem requests of 25 from 4 writers for 10 s. Each event costs the pipeline
     * several item writes (outbox put and delete, the store's trace item and index copies), so this bounds throughput.
     */
    private static void dynamoDbLocalCeiling() throws Exception {
        DynamoDbClient dynamo = dynamo();
        String json = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"bench.happened\",\"data\":{\"text\":\"" + "x".repeat(400) + "\"}}";
        AtomicLong written = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long start = System.nanoTime();
        try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
            for (int w = 0; w < 4; w++) {
                writers.submit(() -> {
                    while (System.nanoTime() < end) {
                        var batch = IntStream.range(0, 25).mapToObj(i -> WriteRequest.builder()
                            .putRequest(r -> r.item(Map.of("pk", AttributeValue.fromS("CEILING#" + UUID.randomUUID()), "sk", AttributeValue.fromS("0"),
                                "eventType", AttributeValue.fromS("bench.happened"), "event", AttributeValue.fromS(json),
                                "expiresAt", AttributeValue.fromN(String.valueOf(Instant.now().getEpochSecond() + 3600))))).build()).toList();
                        var left = dynamo.batchWriteItem(b -> b.requestItems(Map.of("AppTable", batch))).unprocessedItems();
                        written.addAndGet(25 - (left == null ? 0 : left.getOrDefault("AppTable", List.of()).size()));
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("DynamoDB Local alone (functions idle): %.0f item writes/s (BatchWriteItem of 25, 4 writers, %.1f s)%n",
            written.get() / seconds, seconds);
    }

    private static DynamoDbClient dynamo() {
        return DynamoDbClient.builder().endpointOverride(system.devstack.endpoint("DynamoDB")).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static int count(DynamoDbClient dynamo, String correlationId) { return countFrom(dynamo, correlationId, null); }

    private static int countFrom(DynamoDbClient dynamo, String correlationId, Map<String, AttributeValue> from) {
        var page = dynamo.query(q -> q.tableName("AppTable").keyConditionExpression("pk = :p").select("COUNT")
            .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("TRACE#" + correlationId))).exclusiveStartKey(from));
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
        return page.count() + (more ? countFrom(dynamo, correlationId, page.lastEvaluatedKey()) : 0);
    }

    private static void row(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("| %s | %d | %.1f ms | %.1f ms | %.1f ms |%n", name, sorted.length, sorted[sorted.length / 2] / 1e6,
            sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
