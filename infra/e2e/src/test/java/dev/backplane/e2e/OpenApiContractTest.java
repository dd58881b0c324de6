package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.devstack.template.FunctionEvent;
import dev.backplane.devstack.template.Template;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * openapi.yaml is the HTTP contract the SPA's client is generated from: it must list exactly the HttpApi routes of
 * template.yaml (a new function without documentation, or documentation of a route nobody serves, fails the build)
 * and agree with the template on which routes are public. Operations marked {@code x-backplane-pending} are agreed
 * but not deployed; they must not be in the template (drop the marker when the function lands).
 */
class OpenApiContractTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String PENDING = "x-backplane-pending";

    private final Path root = repositoryRoot();
    private final Map<String, Boolean> templateRoutes = templateRoutes(Template.load(root.resolve("template.yaml")));
    private final Map<String, Map<String, Object>> documented = documentedOperations(root.resolve("openapi.yaml"));

    @Test
    void everyTemplateRouteIsDocumented() {
        Set<String> missing = new TreeSet<>(templateRoutes.keySet());
        documented.forEach((route, operation) -> { if (!operation.containsKey(PENDING)) missing.remove(route); });
        assertTrue(missing.isEmpty(), "routes in template.yaml missing from openapi.yaml: " + missing);
    }

    @Test
    void everyDocumentedRouteHasAFunction() {
        Set<String> orphans = new TreeSet<>();
        documented.forEach((route, operation) -> {
            if (!operation.containsKey(PENDING) && !templateRoutes.containsKey(route)) orphans.add(route);
        });
        assertTrue(orphans.isEmpty(), "routes in openapi.yaml without a function in template.yaml: " + orphans);
    }

    @Test
    void pendingRoutesAreNotDeployedYet() {
        Set<String> landed = new TreeSet<>();
        documented.forEach((route, operation) -> {
            if (operation.containsKey(PENDING) && templateRoutes.containsKey(route)) landed.add(route);
        });
        assertTrue(landed.isEmpty(), "these routes are in template.yaml now: remove " + PENDING + " from openapi.yaml: " + landed);
    }

    @Test
    void publicRoutesAgree() {
        Map<String, Boolean> documentedPublic = new TreeMap<>();
        documented.forEach((route, operation) -> {
            if (templateRoutes.containsKey(route)) documentedPublic.put(route, isPublic(operation));
        });
        assertEquals(new TreeMap<>(templateRoutes), documentedPublic,
            "route -> public (Auth.Authorizer NONE in template.yaml, 'security: []' in openapi.yaml)");
    }

    @Test
    void everyOperationHasAnIdAndAnErrorResponse() {
        documented.forEach((route, operation) -> {
            assertTrue(operation.get("operationId") instanceof String, route + " needs an operationId (the generated client uses it)");
            Map<?, ?> responses = (Map<?, ?>) operation.get("responses");
            assertTrue(responses != null && responses.containsKey("default"), route + " needs a default (problem+json) response");
        });
    }

    /** "METHOD /path" → public? for every HttpApi event of every function. */
    private static Map<String, Boolean> templateRoutes(Template template) {
        Map<String, Boolean> routes = new TreeMap<>();
        for (FunctionEvent event : FunctionEvent.ofType(template, "HttpApi")) {
            Object method = event.property("Method");
            Object path = event.property("Path");
            if (method == null || path == null) continue; // $default catch-all: nothing to document
            Object auth = event.property("Auth");
            boolean open = auth instanceof Map<?, ?> a && "NONE".equals(String.valueOf(a.get("Authorizer")));
            routes.put(String.valueOf(method).toUpperCase(Locale.ROOT) + " " + path, open);
        }
        assertTrue(!routes.isEmpty(), "no HttpApi routes found in template.yaml");
        return routes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> documentedOperations(Path file) {
        Map<String, Object> spec;
        try (Reader reader = Files.newBufferedReader(file)) {
            spec = new Yaml(new LoaderOptions()).load(reader);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        Object globalSecurity = spec.get("security");
        assertTrue(globalSecurity instanceof List<?> l && !l.isEmpty(), "openapi.yaml must require security by default");
        Map<String, Map<String, Object>> operations = new TreeMap<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, item) -> item.forEach((method, operation) -> {
            if (METHODS.contains(method)) operations.put(method.toUpperCase(Locale.ROOT) + " " + path, (Map<String, Object>) operation);
        }));
        return operations;
    }

    private static boolean isPublic(Map<String, Object> operation) {
        return operation.get("security") instanceof List<?> l && l.isEmpty();
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) dir = dir.getParent();
        if (dir == null) throw new AssertionError("template.yaml not found above " + Path.of("").toAbsolutePath());
        return dir;
    }
}
