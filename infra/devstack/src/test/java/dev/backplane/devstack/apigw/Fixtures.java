// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.lambda.Invoker;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Template;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/** Loads fixture templates and starts the emulator on a free port. */
final class Fixtures {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private Fixtures() {}

    static Template template(String name) {
        try {
            return Template.load(Path.of(Fixtures.class.getResource("/fixtures/apigw/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ApiGatewayEmulator start(String fixture, Invoker invoker, Map<String, ?> parameters) {
        Template t = template(fixture);
        return ApiGatewayEmulator.start(t, new Intrinsics(t, parameters, REGION, ACCOUNT, "http://localhost:9324"), invoker, 0);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String url) { return send(HttpRequest.newBuilder(URI.create(url))); }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return InProcessFunctions.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }
}
