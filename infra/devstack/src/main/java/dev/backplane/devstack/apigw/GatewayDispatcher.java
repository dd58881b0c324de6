// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes plain HTTP requests on the gateway port: the @connections management API first, then the API whose base
 * path (/{stage}, or nothing for an HTTP API's $default stage) prefixes the request path, longest first.
 */
final class GatewayDispatcher extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayDispatcher.class);

    record Mount(String basePath, String owner, BiFunction<GatewayRequest, String, GatewayResponse> handler) {}

    private final List<Mount> mounts = new ArrayList<>();
    private final ConnectionsApi connections;

    GatewayDispatcher(ConnectionsApi connections) { this.connections = connections; }

    void mount(Mount mount) {
        for (Mount m : mounts) {
            if (m.basePath.equals(mount.basePath)) {
                throw new dev.backplane.devstack.template.TemplateException("devstack serves all APIs on one port by stage path: "
                    + m.owner + " and " + mount.owner + " both want '" + (m.basePath.isEmpty() ? "/" : m.basePath)
                    + "'; give one of them another StageName");
            }
        }
        mounts.add(mount);
        mounts.sort(Comparator.comparingInt((Mount m) -> m.basePath.length()).reversed());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        GatewayResponse answer;
        try {
            answer = dispatch(JettyExchange.read(request));
        } catch (JettyExchange.TooLarge e) {
            answer = GatewayResponse.message(413, "Request Entity Too Large");
        } catch (Exception e) {
            LOG.warn("gateway failure on {} {}", request.getMethod(), request.getHttpURI().getPath(), e);
            answer = GatewayResponse.message(500, "Internal Server Error");
        }
        JettyExchange.write(answer, response, callback);
        return true;
    }

    GatewayResponse dispatch(GatewayRequest request) {
        String connectionId = ConnectionsApi.connectionId(request.rawPath());
        if (connectionId != null) return connections.handle(request, connectionId);
        String path = request.rawPath();
        for (Mount m : mounts) {
            if (m.basePath.isEmpty()) return m.handler.apply(request, path);
            if (path.equals(m.basePath) || path.startsWith(m.basePath + "/")) {
                String rest = path.substring(m.basePath.length());
                return m.handler.apply(request, rest.isEmpty() ? "/" : rest);
            }
        }
        return GatewayResponse.message(404, "Not Found");
    }
}
