// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A REST API's Cognito authorizers, its DefaultAuthorizer and what each route chose (an authorizer, NONE, scopes). */
final class RestAuth {
    record RouteAuth(String authorizer, List<String> scopes) {}

    final Map<String, CognitoAuthorizer> authorizers = new LinkedHashMap<>();
    private final Map<String, RouteAuth> routes = new LinkedHashMap<>();
    String defaultAuthorizer;

    void route(String method, String path, RouteAuth auth) { routes.put(method + " " + path, auth); }

    /** The authorizer guarding a route (its own choice, else the default), or null for an open route. */
    RouteAuth of(String method, String path) {
        RouteAuth own = routes.get(method + " " + path);
        String name = own != null && own.authorizer() != null ? own.authorizer() : defaultAuthorizer;
        if (name == null || name.equals("NONE")) return null;
        return new RouteAuth(name, own == null ? List.of() : own.scopes());
    }
}
