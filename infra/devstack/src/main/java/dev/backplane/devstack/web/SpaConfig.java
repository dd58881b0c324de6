package dev.backplane.devstack.web;

import dev.backplane.devstack.apigw.ApiGatewayEmulator;
import dev.backplane.devstack.oidc.LocalOidcProvider;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.TemplateException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runtime configuration a single-page app needs to talk to this devstack, served as {@code /config.json}:
 * {@code {apiUrl, wsUrl, oidc: {issuer, clientId}}}. On AWS the deployment writes the same file next to the SPA.
 * The client id is the template's {@code OidcAudience} parameter when it declares one (by convention, like
 * {@code OidcIssuerUrl}).
 */
public final class SpaConfig {
    public static final String AUDIENCE_PARAMETER = "OidcAudience";

    private SpaConfig() {}

    public static String json(ApiGatewayEmulator api, LocalOidcProvider oidc, Intrinsics intrinsics) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiUrl", stripSlash(api.httpApiUrl()));
        if (api.webSocketUrl() != null) config.put("wsUrl", api.webSocketUrl());
        if (oidc != null) {
            config.put("oidc", Map.of("issuer", oidc.issuer(), "clientId", clientId(intrinsics)));
        }
        return new String(dev.backplane.devstack.Json.bytes(config), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String clientId(Intrinsics intrinsics) {
        try {
            String id = intrinsics.resolveString(Map.of("Ref", AUDIENCE_PARAMETER));
            return id == null || id.isBlank() ? LocalOidcProvider.AUDIENCE : id;
        } catch (TemplateException noSuchParameter) {
            return LocalOidcProvider.AUDIENCE;
        }
    }

    private static String stripSlash(String url) { return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url; }
}
