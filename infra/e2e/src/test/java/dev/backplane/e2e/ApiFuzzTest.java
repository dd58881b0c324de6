package dev.backplane.e2e;

import dev.backplane.core.json.Json;
import dev.backplane.devstack.LocalClients;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.JsonNode;

/**
 * Property-based fuzzing of every route in openapi.yaml through devstack's real gateway, authorizer and functions:
 * generated path values, query strings, headers, tokens (none, users, admin, a machine client, garbage) and bodies
 * (JSON trees with real and unknown field names, wrong types, nulls, huge strings, Unicode edge cases, boundary
 * numbers, and non-JSON), and query strings from each operation's declared parameters (their types, bounds and formats)
 * next to generic ones. For every request: no 5xx; every 4xx a function produced is problem+json with a stable
 * {@code type} (the gateway's own 401/403/404 carry {"message"}); no Java class name in any body; and a refused write
 * changes nothing in the table — no item added, changed or removed, whatever its prefix (read from the table's stream
 * into a {@link TableMirror}, not by scanning the table around every write; a probe write at the start shows that
 * check failing, and the mirror is compared with the table at the end). Operations take turns, so each
 * gets at least {@link #MIN_TRIES_PER_OPERATION} tries (checked at the end). Seeded and bounded for CI;
 * {@code -Djqwik.tries.default=N} runs longer (docs/security.md). The module runs its surefire tests without reruns:
 * a 5xx fails the build even when the same seed would pass a second time.
 */
class ApiFuzzTest {
    private static final Pattern PROBLEM_TYPE = Pattern.compile("https://backplane\\.dev/problems/[a-z0-9-]+");
    private static final Pattern LEAK = Pattern.compile("java\\.|javax\\.|dev\\.backplane\\.|Exception|\\bat [a-z]+\\.[a-z]+\\.");
    /** Each openapi operation is called at least this often per run (tries are dealt out in turn). */
    static final int MIN_TRIES_PER_OPERATION = 2;
    /** After an accepted request, its asynchronous consumers may still be writing: the table must settle before a check. */
    private static final Duration SETTLE_AFTER_ACCEPTED = Duration.ofSeconds(4);
    /** Settled: the table's stream brought no change to a checked item for this long. */
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Set<String> SEEDED_USERS = Set.of("alice", "bob", "admin");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** A query parameter the operation declares: its JSON schema type, format, bounds and enum. */
    record Param(String name, String type, String format, Long minimum, Long maximum, Integer maxLength, List<String> values) {}

    record Operation(String method, String path, boolean hasBody, List<Param> query) {
        @Override
        public String toString() { return method + " " + path; }
    }

    record Call(Operation operation, List<String> pathValues, Map<String, String> query, String token, Map<String, String> headers, String body) {
        String uri() {
            Matcher m = Pattern.compile("\\{[^}]+}").matcher(operation.path());
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(encode(pathValues.get(i++ % pathValues.size()))));
            m.appendTail(out);
            if (!query.isEmpty()) {
                out.append('?');
                query.forEach((k, v) -> out.append(encode(k)).append('=').append(encode(v)).append('&'));
                out.setLength(out.length() - 1);
            }
            return out.toString();
        }

        @Override
        public String toString() {
            String shown = body == null ? "null" : body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + ")" : body;
            return operation.method() + " " + uri() + " token=" + (token == null ? "none" : token.length() > 20 ? token.substring(0, 20) + "…" : token)
                + " headers=" + headers + " body=" + shown;
        }
    }

    private static LocalSystem system;
    private static List<Operation> operations;
    private static Map<String, String> tokens;
    private static DynamoDbClient dynamo;
    private static TableMirror table;
    private static final AtomicInteger turn = new AtomicInteger();
    private static final Map<String, Integer> triesPerOperation = new ConcurrentHashMap<>();
    private static final List<String> serverErrors = new CopyOnWriteArrayList<>();
    /** When a request that may have started asynchronous writes (an accepted write, an audited admin read) was answered. */
    private static volatile long lastAcceptedAt;
    private static volatile boolean failed;

    @BeforeContainer
    static void start() throws IOException, InterruptedException, ExecutionException {
        system = LocalSystem.get();
        operations = operations();
        tokens = new LinkedHashMap<>();
        for (String user : SEEDED_USERS) tokens.put(user, system.oidc.accessToken(user));
        tokens.put("machine", system.oidc.clientCredentialsToken(LocalSystem.MACHINE_CLIENT.id(), LocalSystem.MACHINE_CLIENT.secret()));
        String alice = tokens.get("alice");
        tokens.put("tampered", alice.substring(0, alice.length() - 4) + (alice.endsWith("AAAA") ? "BBBB" : "AAAA"));
        tokens.put("garbage", "not.a.jwt");
        // register the seeded users first: their first authenticated call writes their record, which is not a fuzz finding
        for (String user : SEEDED_USERS) system.sendPatiently("GET", "/me", tokens.get(user), null, Map.of());
        // one call per route first, so the property meets warm functions rather than cold starts on a busy machine; three
        // at a time (each cold function is a JVM starting, which leaves a core partly idle while it reads its jar)
        try (ExecutorService warming = Executors.newFixedThreadPool(3)) {
            List<Future<HttpResponse<String>>> warm = new ArrayList<>();
            for (Operation o : operations) {
                warm.add(warming.submit(() -> system.sendPatiently(o.method(), o.path().replaceAll("\\{[^}]+}", "warmup"), tokens.get("bob"),
                    o.hasBody() ? "{}" : null, Map.of())));
            }
            for (Future<HttpResponse<String>> f : warm) f.get();
        }
        dynamo = DynamoDbClient.builder().endpointOverride(system.devstack.endpoint("DynamoDB")).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create()).build();
        table = new TableMirror(dynamo, LocalClients.dynamoDbStreams(system.devstack.endpoint("DynamoDB"), "us-east-1"), "AppTable",
            ApiFuzzTest::checked);
        lastAcceptedAt = System.nanoTime();  // the warm-up's own consumers settle before the first check
        theCheckSeesAWrite();
    }

    /**
     * The event store's copies (EV…, TRACE#) are left out: only its consumer writes them, after the fact, for events
     * that accepted requests published.
     */
    private static boolean checked(String key) { return !key.startsWith("EV") && !key.startsWith("TRACE#"); }

    /**
     * The "refused write changed nothing" check must be able to fail: an item written, changed and deleted behind the
     * API's back (as a refused request's function might) shows up as added, changed and removed.
     */
    private static void theCheckSeesAWrite() throws InterruptedException {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> probe = new HashMap<>(Map.of(
            "pk", av("FUZZPROBE#" + java.util.UUID.randomUUID()), "sk", av("PROBE"), "note", av("written by ApiFuzzTest's self-check")));
        String key = probe.get("pk").s() + " | PROBE";
        Map<String, Integer> before = settledTable();
        dynamo.putItem(b -> b.tableName("AppTable").item(probe));
        Map<String, Integer> added = afterRequest();
        probe.put("note", av("changed"));
        dynamo.putItem(b -> b.tableName("AppTable").item(probe));
        Map<String, Integer> changed = afterRequest();
        dynamo.deleteItem(b -> b.tableName("AppTable").key(Map.of("pk", probe.get("pk"), "sk", probe.get("sk"))));
        Map<String, Integer> removed = afterRequest();
        List<List<String>> seen = List.of(TableMirror.differences(before, added), TableMirror.differences(added, changed),
            TableMirror.differences(changed, removed));
        if (!seen.get(0).contains("added " + key) || !seen.get(1).contains("changed " + key) || !seen.get(2).contains("removed " + key)) {
            throw new AssertionError("the table check does not see a write behind the API's back: " + seen);
        }
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue av(String s) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(s);
    }

    @Property(seed = "20261130", shrinking = net.jqwik.api.ShrinkingMode.OFF, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
    void noGeneratedRequestBreaksTheApi(@ForAll("calls") Call call) throws Exception {
        triesPerOperation.merge(call.operation().toString(), 1, Integer::sum);
        boolean write = WRITES.contains(call.operation().method());
        Map<String, Integer> before = write ? settledTable() : Map.of();
        HttpResponse<String> r = send(call);
        int status = r.statusCode();
        String body = r.body() == null ? "" : r.body();
        if (status < 400 && (write || call.operation().path().startsWith("/admin"))) lastAcceptedAt = System.nanoTime();
        if (status >= 500) serverErrors.add(call + " -> " + status + " " + body);
        check(status < 500, call, r, "a 5xx");
        check(!LEAK.matcher(body).find(), call, r, "a Java class or exception in the body");
        if (status >= 400) {
            String contentType = r.headers().firstValue("content-type").orElse("");
            if (contentType.startsWith("application/problem+json")) {
                JsonNode problem = Json.tree(body);
                check(PROBLEM_TYPE.matcher(problem.path("type").asString("")).matches(), call, r, "a problem without a stable type");
                check(problem.path("status").asInt() == status, call, r, "a problem whose status differs from the response's");
            } else if (r.headers().firstValue("apigw-requestid").isPresent()) {
                // the gateway's own answers: authorizer deny (401/403), no such route (404), body too large (413), still
                // busy after the retries (429)
                check(Set.of(401, 403, 404, 413, 429).contains(status), call, r, "a " + status + " that is not problem+json");
            } else {
                // the HTTP server refused the request before the gateway saw it (e.g. NUL in the path, huge headers)
                check(Set.of(400, 413, 414, 431).contains(status), call, r, "a " + status + " from the HTTP server");
            }
            if (write) {
                List<String> changed = TableMirror.differences(before, afterRequest());
                check(changed.isEmpty(), call, r, "a refused write that changed the table " + changed);
            }
        }
    }

    /** Coverage: every operation had its turns (a run cut short by a failure reports that failure instead). */
    @AfterContainer
    static void everyOperationWasTried() throws InterruptedException {
        if (!serverErrors.isEmpty()) throw new AssertionError(serverErrors.size() + " 5xx answers: " + serverErrors);
        if (operations == null || failed) return;
        theMirrorFollowedTheTable();
        List<String> under = new ArrayList<>();
        for (Operation o : operations) {
            int tries = triesPerOperation.getOrDefault(o.toString(), 0);
            if (tries < MIN_TRIES_PER_OPERATION) under.add(o + "=" + tries);
        }
        if (!under.isEmpty()) {
            throw new AssertionError("operations tried fewer than " + MIN_TRIES_PER_OPERATION + " times (raise jqwik.tries.default to at least "
                + MIN_TRIES_PER_OPERATION + " x " + operations.size() + " operations): " + under);
        }
    }

    private static void check(boolean ok, Call call, HttpResponse<String> r, String what) {
        if (ok) return;
        failed = true;
        throw new AssertionError(what + ": " + call + " -> " + r.statusCode() + " " + r.headers().map() + " " + r.body());
    }

    private static HttpResponse<String> send(Call call) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(system.devstack.urls().get("HTTP API") + call.uri())).timeout(Duration.ofSeconds(60))
            .method(call.operation().method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        if (call.token() != null) b.header("authorization", call.token().contains(" ") ? call.token() : "Bearer " + call.token());
        call.headers().forEach(b::header);
        return system.patiently(b.build());
    }

    /**
     * The table (checked items: key → content hash) once the consumers of a recently accepted request are done: read
     * its stream until it brings no change for {@link #QUIET} (at most {@link #SETTLE_AFTER_ACCEPTED} twice over).
     */
    private static Map<String, Integer> settledTable() throws InterruptedException {
        table.drain();
        if (System.nanoTime() - lastAcceptedAt > SETTLE_AFTER_ACCEPTED.toNanos()) return table.items();
        awaitQuiet();
        return table.items();
    }

    /** Reads the stream until it brings no change for {@link #QUIET}, or for at most {@link #SETTLE_AFTER_ACCEPTED} twice over. */
    private static void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + 2 * SETTLE_AFTER_ACCEPTED.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(QUIET);
            if (table.drain().isEmpty()) return;
        }
    }

    /** The table after a request was answered: a function writes before it answers, and the stream has its records then. */
    private static Map<String, Integer> afterRequest() {
        table.drain();
        return table.items();
    }

    /** The mirror the checks read is the table: compared with a scan once the table is quiet (retried while consumers write). */
    private static void theMirrorFollowedTheTable() throws InterruptedException {
        List<String> disagreements = List.of();
        for (int attempt = 0; attempt < 5; attempt++) {
            awaitQuiet();
            disagreements = table.disagreementsWithTable();
            if (disagreements.isEmpty()) return;
        }
        throw new AssertionError("the table's stream and the table disagree (the refused-write checks read the stream): " + disagreements);
    }

    @Provide
    Arbitrary<Call> calls() {
        // operations take turns (coverage), everything else is drawn
        Arbitrary<Operation> operation = Arbitraries.create(() -> operations.get(Math.floorMod(turn.getAndIncrement(), operations.size())));
        return operation.flatMap(this::callsTo);
    }

    private Arbitrary<Call> callsTo(Operation operation) {
        Arbitrary<List<String>> pathValues = pathValue().list().ofMinSize(1).ofMaxSize(2);
        Arbitrary<Map<String, String>> generic = Arbitraries.maps(Arbitraries.of("limit", "cursor", "q", "prefix", "x", "limit[]"), queryValue()).ofMaxSize(2);
        Arbitrary<Map<String, String>> query = Combinators.combine(declaredQuery(operation), generic).as((declared, extra) -> {
            Map<String, String> all = new LinkedHashMap<>(extra);
            all.putAll(declared);
            return all;
        });
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of(tokens.values()).map(t -> t),
            Arbitraries.of("Basic YWxpY2U6cHc=", "Bearer", "Bearer  ", "bearer " + "x".repeat(9000)));
        Arbitrary<Map<String, String>> headers = Arbitraries.maps(Arbitraries.of("content-type", "idempotency-key", "x-correlation-id", "stripe-signature"),
            headerValue()).ofMaxSize(3);
        Arbitrary<String> body = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, Arbitraries.just((String) null)),
            net.jqwik.api.Tuple.of(6, json(3).map(Json::write)),
            net.jqwik.api.Tuple.of(2, Arbitraries.of("{", "[]", "null", "\"x\"", "1", "{\"lines\":[{\"productId\":\"p-mug\",\"quantity\":1.5}]}",
                "{\"displayName\":\"a\\u202Eb\"}", "{\"bio\":\"\\ud800\"}", "{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}")),
            net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(200)));
        return Combinators.combine(Arbitraries.just(operation), pathValues, query, token, headers, body).as(Call::new);
    }

    /** Each declared query parameter present or not, with values around its schema: valid, at and past its bounds, wrong types. */
    private static Arbitrary<Map<String, String>> declaredQuery(Operation operation) {
        if (operation.query().isEmpty()) return Arbitraries.just(Map.of());
        List<Arbitrary<String>> values = operation.query().stream()
            .map(p -> Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.just((String) null)), net.jqwik.api.Tuple.of(3, valuesOf(p))))
            .toList();
        return Combinators.combine(values).as(drawn -> {
            Map<String, String> query = new LinkedHashMap<>();
            for (int i = 0; i < drawn.size(); i++) if (drawn.get(i) != null) query.put(operation.query().get(i).name(), drawn.get(i));
            return query;
        });
    }

    private static Arbitrary<String> valuesOf(Param p) {
        List<String> typed = new ArrayList<>(List.of("", "\u202e", "%00", "x".repeat(p.maxLength() == null ? 300 : p.maxLength() + 1)));
        if (p.values() != null) typed.addAll(p.values());
        switch (p.type() == null ? "string" : p.type()) {
            case "integer", "number" -> {
                long min = p.minimum() == null ? 0 : p.minimum();
                long max = p.maximum() == null ? 1000 : p.maximum();
                typed.addAll(List.of(String.valueOf(min), String.valueOf(max), String.valueOf(min - 1), String.valueOf(max + 1), "1.5", "1e3",
                    "-0", "abc", String.valueOf(Long.MAX_VALUE), "99999999999999999999"));
            }
            case "boolean" -> typed.addAll(List.of("true", "false", "1", "yes"));
            default -> {
                if ("date-time".equals(p.format())) {
                    typed.addAll(List.of("2026-11-30T10:00:00Z", "2026-11-01T00:00:00Z", "2026-11-30", "2026-13-40T25:61:00Z", "+999999999-12-31T23:59:59Z",
                        "-999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "now"));
                }
                typed.addAll(hints(p.name()));
            }
        }
        return Arbitraries.oneOf(Arbitraries.of(typed), queryValue());
    }

    /** Values that reach deeper than random text for parameters whose meaning is known. */
    private static List<String> hints(String name) {
        return switch (name) {
            case "type" -> List.of("order.placed", "order.placed,order.paid", "ops.admin_read", "ORDER.PLACED", "a.b," + "c.d,".repeat(30), ",", "order.");
            case "subject" -> List.of("order:ord_1", "user:user-alice", "order", ":", "order:", "order: x", "a:" + "b".repeat(200));
            case "userId", "correlationId" -> List.of("user-alice", "corr-12345678", " ", "x".repeat(129));
            case "cursor" -> List.of("e30", "e30.AAAA", "RVZUWVBFI29yZGVyLnBsYWNlZAowMDAwMDAwMDAwMDAwI3g", ".", "a.b.c");
            case "confirm", "ids" -> List.of("relay", "order-saga", "m-1,m-2", ",,,");
            default -> List.of("alice", "0");
        };
    }

    private static Arbitrary<String> pathValue() {
        return Arbitraries.oneOf(
            Arbitraries.of("p-mug", "p-espresso", "pack-100", "ord_unknown", "user-zed", "carol", "corr-12345678", "0", "-1", "null",
                "%00", "..", ".", "a%2Fb", "ADMIN", "<script>", "' OR 1=1 --", "ord_" + "9".repeat(200)),
            Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('_', '-').ofMinLength(1).ofMaxLength(40),
            Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20))
            .filter(v -> !SEEDED_USERS.contains(v.toLowerCase(Locale.ROOT)) && !v.isBlank());
    }

    private static Arbitrary<String> queryValue() {
        return Arbitraries.oneOf(Arbitraries.of("1", "0", "-1", "100", "101", "1.5", "99999999999", "abc", "", "e30", "x.y", "\u202e"),
            Arbitraries.strings().all().ofMaxLength(30));
    }

    private static Arbitrary<String> headerValue() {
        return Arbitraries.oneOf(Arbitraries.of("application/json", "text/plain", "application/json; charset=latin1", "key-1", "t=1,v1=00",
                "corr-fuzz-0001", "x".repeat(300)),
            Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(40));
    }

    /** JSON trees: real field names of the API next to unknown ones, every JSON type in every place. */
    private static Arbitrary<Object> json(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
            Arbitraries.just(null), Arbitraries.of(true, false).map(b -> b),
            Arbitraries.of(0L, 1L, -1L, 2L, 100L, 101L, (long) Integer.MAX_VALUE + 1, Long.MAX_VALUE, Long.MIN_VALUE).map(n -> n),
            Arbitraries.of(1.5, -0.0, 1e308, 4.9e-324).map(d -> d),
            Arbitraries.of("", " ", "p-mug", "pack-100", "user", "admin", "approve", "https://169.254.169.254/", "https://cdn.example.com/a.png",
                "a\u202eb", "\u200b", "\u0430dmin", "\ud83d\ude00", "x".repeat(5000), "\u0000", "dark").map(s -> s),
            Arbitraries.strings().all().ofMaxLength(40).map(s -> s));
        if (depth == 0) return leaf;
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("lines", "productId", "quantity", "displayName", "handle", "bio", "avatarUrl",
            "roles", "reason", "theme", "locale", "emailNotifications", "decision", "note", "id", "userId", "__proto__"), Arbitraries.strings().alpha().ofMaxLength(8));
        Arbitrary<Object> object = Arbitraries.maps(key, Arbitraries.lazy(() -> json(depth - 1))).ofMaxSize(4).map(m -> m);
        Arbitrary<Object> array = Arbitraries.lazy(() -> json(depth - 1)).list().ofMaxSize(4).map(l -> l);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(4, object), net.jqwik.api.Tuple.of(2, array));
    }

    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') out.append((char) c);
            else out.append('%').append(String.format("%02X", c));
        }
        return out.toString();
    }

    /** Every operation of openapi.yaml except agreed-but-undeployed ones, with its declared query parameters. */
    @SuppressWarnings("unchecked")
    static List<Operation> operations() throws IOException {
        List<Operation> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(LocalSystem.repoRoot().resolve("openapi.yaml"))) {
            Map<String, Object> doc = new Yaml(new LoaderOptions()).load(reader);
            Map<String, Object> shared = doc.get("components") instanceof Map<?, ?> c && c.get("parameters") instanceof Map<?, ?> p
                ? (Map<String, Object>) p : Map.of();
            ((Map<String, Map<String, Object>>) doc.get("paths")).forEach((path, item) -> item.forEach((method, op) -> {
                if (!Set.of("get", "put", "post", "delete", "patch").contains(method) || !(op instanceof Map<?, ?> operation)) return;
                if (operation.containsKey("x-backplane-pending")) return;
                List<Object> declared = new ArrayList<>();
                if (item.get("parameters") instanceof List<?> common) declared.addAll(common);
                if (operation.get("parameters") instanceof List<?> own) declared.addAll(own);
                List<Param> query = new ArrayList<>();
                for (Object d : declared) {
                    Map<?, ?> param = d instanceof Map<?, ?> m && m.get("$ref") instanceof String ref
                        ? (Map<?, ?>) shared.get(ref.substring(ref.lastIndexOf('/') + 1)) : (Map<?, ?>) d;
                    if (param == null || !"query".equals(param.get("in"))) continue;
                    Map<?, ?> schema = param.get("schema") instanceof Map<?, ?> sm ? sm : Map.of();
                    List<String> values = schema.get("enum") instanceof List<?> e ? e.stream().map(String::valueOf).toList() : null;
                    query.add(new Param(String.valueOf(param.get("name")), (String) schema.get("type"), (String) schema.get("format"),
                        number(schema.get("minimum")), number(schema.get("maximum")), schema.get("maxLength") instanceof Integer n ? n : null, values));
                }
                out.add(new Operation(method.toUpperCase(Locale.ROOT), path, operation.containsKey("requestBody"), List.copyOf(query)));
            }));
        }
        if (out.size() < 10) throw new IllegalStateException("openapi.yaml lists only " + out.size() + " operations");
        return out;
    }

    private static Long number(Object value) { return value instanceof Number n ? n.longValue() : null; }
}
