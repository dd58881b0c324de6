// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SPA server: files as they are, page navigations fall back to index.html, nothing outside the root. */
class StaticSiteTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesFilesWithSpaFallback(@TempDir Path dist) throws Exception {
        Files.writeString(dist.resolve("index.html"), "<html>app</html>");
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets/app.js"), "console.log(1)");
        Files.writeString(dist.getParent().resolve("secret.txt"), "secret");
        try (StaticSite site = StaticSite.startIfPresent(dist, 0)) {
            HttpResponse<String> js = get(site.url() + "/assets/app.js", "*/*");
            assertEquals(200, js.statusCode());
            assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("content-type").orElseThrow());
            HttpResponse<String> route = get(site.url() + "/orders/42", "text/html");
            assertEquals(200, route.statusCode());
            assertEquals("<html>app</html>", route.body());
            assertEquals("no-cache", route.headers().firstValue("cache-control").orElseThrow());
            assertEquals(404, get(site.url() + "/assets/missing.js", "*/*").statusCode());
            HttpResponse<String> escape = get(site.url() + "/%2e%2e/secret.txt", "*/*");
            assertTrue(escape.statusCode() == 400 || escape.statusCode() == 404, "status " + escape.statusCode());
            assertFalse(escape.body().contains("secret"));
        }
        assertNull(StaticSite.startIfPresent(dist.resolve("nope"), 0));
    }

    @Test
    void generatedRuntimeConfigWinsOverAStaleFileInTheBuild(@TempDir Path dist) throws Exception {
        Files.writeString(dist.resolve("index.html"), "<html>app</html>");
        Files.writeString(dist.resolve("config.json"), "{\"apiUrl\":\"http://localhost:1\"}");
        try (StaticSite site = StaticSite.startIfPresent(dist, 0,
                java.util.Map.of("/config.json", "{\"apiUrl\":\"http://localhost:4566\"}".getBytes()))) {
            HttpResponse<String> config = get(site.url() + "/config.json", "application/json");
            assertEquals(200, config.statusCode());
            assertEquals("{\"apiUrl\":\"http://localhost:4566\"}", config.body());
            assertEquals("no-store", config.headers().firstValue("cache-control").orElseThrow());
            assertTrue(config.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        }
    }

    static HttpResponse<String> get(String url, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }
}
