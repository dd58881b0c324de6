// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import dev.backplane.devstack.lambda.Invoker;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * API Gateway on one local port, built from the template: HTTP APIs (payload 2.0/1.0, JWT and Lambda authorizers,
 * CORS), REST APIs (payload 1.0), one WebSocket API, and the @connections management API.
 *
 * <p>URL layout (as on execute-api, minus the host): an HTTP API on the $default stage at {@code /}, other stages
 * and REST APIs at {@code /{stage}}, the WebSocket API at {@code ws://…/{stage}}, and its management endpoint at
 * {@code http://…/{stage}} (the SDK appends {@code /@connections/{id}}).
 */
public final class ApiGatewayEmulator implements AutoCloseable {
    private final Server server;
    private final FunctionCall calls;
    private final List<WebSocketGateway> webSockets;
    private final Map<String, String> apiUrls;
    private final String httpApiUrl;
    private final String webSocketUrl;
    private final String managementEndpoint;

    private ApiGatewayEmulator(Server server, FunctionCall calls, List<WebSocketGateway> webSockets, Map<String, String> apiUrls,
                               String httpApiUrl, String webSocketUrl, String managementEndpoint) {
        this.server = server;
        this.calls = calls;
        this.webSockets = webSockets;
        this.apiUrls = apiUrls;
        this.httpApiUrl = httpApiUrl;
        this.webSocketUrl = webSocketUrl;
        this.managementEndpoint = managementEndpoint;
    }

    /** Reads the template's APIs (failing loudly on unsupported features) and serves them on localhost:port (0 = any free port). */
    public static ApiGatewayEmulator start(Template template, Intrinsics intrinsics, Invoker invoker, int port) {
        return start(template, intrinsics, invoker, port, Map::of);
    }

    /** {@code serviceEndpoints}: devstack's AWS_ENDPOINT_URL_* values, which AWS service integrations call. */
    public static ApiGatewayEmulator start(Template template, Intrinsics intrinsics, Invoker invoker, int port,
                                           java.util.function.Supplier<Map<String, String>> serviceEndpoints) {
        FunctionRefs functions = new FunctionRefs(template, intrinsics);
        List<HttpApi> httpApis = new HttpApiLoader(template, intrinsics, functions, serviceEndpoints).load();
        List<RestApi> restApis = new RestApiLoader(template, intrinsics, serviceEndpoints).load();
        List<WebSocketApi> wsApis = new WebSocketApiLoader(template, intrinsics, functions, serviceEndpoints).load();
        if (wsApis.size() > 1) {
            throw new TemplateException("devstack serves one WebSocket API per template, found " + wsApis.stream().map(WebSocketApi::logicalId).toList());
        }
        FunctionCall calls = new FunctionCall(invoker);
        ConnectionRegistry registry = new ConnectionRegistry();
        GatewayDispatcher dispatcher = new GatewayDispatcher(new ConnectionsApi(registry));
        String account = intrinsics.accountId();
        String region = intrinsics.region();
        for (HttpApi api : httpApis) {
            HttpApiHandler h = new HttpApiHandler(api, calls, account, region);
            dispatcher.mount(new GatewayDispatcher.Mount(api.basePath(), api.logicalId(), h::handle));
        }
        for (RestApi api : restApis) {
            RestApiHandler h = new RestApiHandler(api, calls, account, region);
            dispatcher.mount(new GatewayDispatcher.Mount(api.basePath(), api.logicalId(), h::handle));
        }
        List<WebSocketGateway> gateways = new ArrayList<>();
        for (WebSocketApi api : wsApis) gateways.add(new WebSocketGateway(api, calls, registry, account, region));

        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("apigw");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setUriCompliance(UriCompliance.LEGACY); // API Gateway passes encoded slashes etc. through to functions
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, context, container -> {
            container.setIdleTimeout(Duration.ofMinutes(10)); // API Gateway's idle timeout
            container.setMaxTextMessageSize(128 * 1024);       // and message size limit
            container.setMaxBinaryMessageSize(128 * 1024);
            for (WebSocketGateway g : gateways) container.addMapping(g.api().path(), g);
        });
        upgrades.setHandler(dispatcher);
        context.setHandler(upgrades);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            calls.close();
            throw new IllegalStateException("API Gateway emulation could not listen on port " + port + ": " + e.getMessage(), e);
        }
        String base = "http://localhost:" + connector.getLocalPort();
        Map<String, String> urls = new LinkedHashMap<>();
        httpApis.forEach(a -> urls.put(a.logicalId(), base + a.basePath()));
        restApis.forEach(a -> urls.put(a.logicalId(), base + a.basePath()));
        wsApis.forEach(a -> urls.put(a.logicalId(), "ws://localhost:" + connector.getLocalPort() + a.path()));
        String httpApiUrl = !httpApis.isEmpty() ? base + httpApis.getFirst().basePath()
            : !restApis.isEmpty() ? base + restApis.getFirst().basePath() : base;
        String wsUrl = wsApis.isEmpty() ? null : "ws://localhost:" + connector.getLocalPort() + wsApis.getFirst().path();
        String management = wsApis.isEmpty() ? base : base + wsApis.getFirst().path();
        return new ApiGatewayEmulator(server, calls, gateways, urls, httpApiUrl, wsUrl, management);
    }

    /** Base URL of the first HTTP API (else the first REST API), e.g. http://localhost:3000 or http://localhost:3000/Prod. */
    public String httpApiUrl() { return httpApiUrl; }

    /** ws://localhost:{port}/{stage} of the WebSocket API, or null when the template has none. */
    public String webSocketUrl() { return webSocketUrl; }

    /** What ApiGatewayManagementApiClient's endpointOverride takes: http://localhost:{port}/{stage}. */
    public String managementEndpoint() { return managementEndpoint; }

    /** Every API's URL by logical id (ServerlessHttpApi / ServerlessRestApi for SAM's implicit APIs). */
    public Map<String, String> apiUrls() { return apiUrls; }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping API Gateway emulation", e);
        } finally {
            webSockets.forEach(WebSocketGateway::close);
            calls.close();
        }
    }
}
