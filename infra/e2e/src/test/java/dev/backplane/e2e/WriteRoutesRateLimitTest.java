package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.http.HttpEndpoint;
import dev.backplane.core.ratelimit.RateLimits;
import dev.backplane.devstack.template.FunctionEvent;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Every write route is rate limited. core's limiter applies its per-user and per-IP write buckets only to endpoints
 * registered with {@code HttpEndpoint.write(...)}, and only in functions whose environment names the bucket table.
 * So for every POST/PUT/PATCH/DELETE in openapi.yaml this follows the route to its function in template.yaml, loads
 * that module's start class, and checks the bean serving it is a write endpoint, that the function gets
 * {@code RATE_LIMIT_TABLE}, and that the default {@code RateLimits} parameter does not switch it off.
 */
class WriteRoutesRateLimitTest {
    private static final Set<String> WRITE_METHODS = Set.of("post", "put", "patch", "delete");
    /** Exempt with the reason; nothing else may be. */
    private static final Map<String, String> EXEMPT = Map.of(
        "POST /webhooks/stripe", "signed by Stripe and retried by Stripe on any refusal: a 429 would only delay payments");
    private static final Pattern START_CLASS = Pattern.compile("<lambda\\.start-class>([^<]+)</lambda\\.start-class>");

    private final Path root = repositoryRoot();
    private final Template template = Template.load(root.resolve("template.yaml"));
    private final Map<String, FunctionApp> apps = new HashMap<>();

    @Test
    void everyDocumentedWriteRouteIsServedByARateLimitedWriteEndpoint() {
        Map<String, FunctionEvent> routes = new TreeMap<>();
        for (FunctionEvent event : FunctionEvent.ofType(template, "HttpApi")) {
            if (event.property("Method") == null || event.property("Path") == null) continue;
            routes.put(String.valueOf(event.property("Method")).toUpperCase(Locale.ROOT) + " " + event.property("Path"), event);
        }
        RateLimits defaults = RateLimits.parse(String.valueOf(template.parameters().get("RateLimits")));
        Map<String, String> problems = new TreeMap<>();
        Set<String> checked = new TreeSet<>();
        for (String route : documentedWrites()) {
            if (EXEMPT.containsKey(route)) continue;
            FunctionEvent event = routes.get(route);
            if (event == null) continue; // pending routes: OpenApiContractTest keeps openapi.yaml and the template in step
            Resource function = event.function();
            Map<String, Object> environment = function.map("Environment").isEmpty() ? Map.of()
                : castMap(function.map("Environment").getOrDefault("Variables", Map.of()));
            String bean = String.valueOf(environment.get("SPRING_CLOUD_FUNCTION_DEFINITION"));
            Function<?, ?> registered = app(function).registeredFunctions().get(bean);
            if (!(registered instanceof HttpEndpoint endpoint)) problems.put(route, function.logicalId() + "'s bean " + bean + " is no HttpEndpoint");
            else if (!endpoint.isWrite()) problems.put(route, bean + " is registered with HttpEndpoint.read: no write buckets, no Idempotency-Key");
            else if (!environment.containsKey("RATE_LIMIT_TABLE")) problems.put(route, function.logicalId() + " has no RATE_LIMIT_TABLE: its limiter is off");
            else if (defaults.perUser(bean).isEmpty() || defaults.perIp(bean).isEmpty()) problems.put(route, "the RateLimits default switches " + bean + " off");
            checked.add(route);
        }
        assertTrue(problems.isEmpty(), "write routes without a rate limit: " + problems);
        assertTrue(checked.size() >= 20, "expected the API's write routes, checked only " + checked);
    }

    @Test
    void theExemptionsAreRealWriteRoutesAndTheCheckCanFail() {
        assertTrue(documentedWrites().containsAll(EXEMPT.keySet()), "an exemption for a route that no longer exists: " + EXEMPT.keySet());
        // the exempt webhook is served by a read endpoint: exactly what the check above refuses for any other route
        Resource webhook = FunctionEvent.ofType(template, "HttpApi").stream()
            .filter(e -> "/webhooks/stripe".equals(e.property("Path"))).findFirst().orElseThrow().function();
        String bean = String.valueOf(castMap(webhook.map("Environment").get("Variables")).get("SPRING_CLOUD_FUNCTION_DEFINITION"));
        assertEquals(false, ((HttpEndpoint) app(webhook).registeredFunctions().get(bean)).isWrite());
    }

    /** The module's start class (its pom's {@code lambda.start-class}), one instance per module. */
    private FunctionApp app(Resource function) {
        Path jar = Path.of(function.string("CodeUri"));
        Path module = root.resolve(jar.getParent().getParent());
        return apps.computeIfAbsent(module.toString(), m -> {
            try {
                Matcher start = START_CLASS.matcher(Files.readString(module.resolve("pom.xml")));
                if (!start.find()) throw new AssertionError(module + "/pom.xml names no lambda.start-class");
                return (FunctionApp) Class.forName(start.group(1)).getDeclaredConstructor().newInstance();
            } catch (IOException | ReflectiveOperationException e) {
                throw new AssertionError("cannot load the start class of " + module, e);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private List<String> documentedWrites() {
        Map<String, Object> spec;
        try (Reader reader = Files.newBufferedReader(root.resolve("openapi.yaml"))) {
            spec = new Yaml(new LoaderOptions()).load(reader);
        } catch (IOException e) {
            throw new AssertionError("cannot read openapi.yaml", e);
        }
        List<String> writes = new java.util.ArrayList<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, item) -> item.keySet().forEach(method -> {
            if (WRITE_METHODS.contains(method)) writes.add(method.toUpperCase(Locale.ROOT) + " " + path);
        }));
        return writes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) { return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(); }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) dir = dir.getParent();
        if (dir == null) throw new AssertionError("template.yaml not found above " + Path.of("").toAbsolutePath());
        return dir;
    }
}
