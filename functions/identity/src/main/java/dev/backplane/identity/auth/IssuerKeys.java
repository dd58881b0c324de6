// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * The issuer's signing keys, found through OIDC discovery on first use (not at init: a slow or down issuer must not
 * fail the Lambda's init). The JWKS is cached; an unknown {@code kid} triggers a refetch, at most one per
 * {@code jwksMinRefetchInterval} (so a flood of forged kids cannot hammer the issuer). A failed discovery is
 * retried, but not more often than every few seconds.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {
    private static final long DISCOVERY_RETRY_MILLIS = 5_000;
    private final OidcSettings settings;
    private final ResourceRetriever retriever;
    private volatile JWKSource<SecurityContext> keys;
    private volatile long lastFailedDiscovery;

    IssuerKeys(OidcSettings settings, ResourceRetriever retriever) {
        this.settings = settings;
        this.retriever = retriever;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return discovered().get(selector, context);
    }

    private JWKSource<SecurityContext> discovered() throws KeySourceException {
        JWKSource<SecurityContext> k = keys;
        if (k != null) return k;
        synchronized (this) {
            if (keys != null) return keys;
            if (System.currentTimeMillis() - lastFailedDiscovery < DISCOVERY_RETRY_MILLIS) {
                throw new KeySourceException("OIDC discovery failed recently; retrying shortly");
            }
            try {
                keys = JWKSourceBuilder.<SecurityContext>create(jwksUri().toURL(), retriever)
                    .cache(settings.jwksCacheTtl().toMillis(), 10_000)
                    .refreshAheadCache(false) // no background threads: Lambda freezes them between invocations
                    .rateLimited(settings.jwksMinRefetchInterval().toMillis())
                    .build();
                return keys;
            } catch (IOException | ParseException | RuntimeException e) {
                lastFailedDiscovery = System.currentTimeMillis();
                throw new KeySourceException("OIDC discovery at " + settings.discoveryUrl() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Reads jwks_uri from the discovery document, which must name exactly our issuer (OIDC Discovery §4.3). */
    private URI jwksUri() throws IOException, ParseException {
        String body = retriever.retrieveResource(URI.create(settings.discoveryUrl()).toURL()).getContent();
        Map<String, Object> document = JSONObjectUtils.parse(body);
        String issuer = JSONObjectUtils.getString(document, "issuer");
        if (!settings.issuer().equals(issuer)) {
            throw new IOException("discovery document names issuer " + issuer + ", expected " + settings.issuer());
        }
        URI jwks = JSONObjectUtils.getURI(document, "jwks_uri");
        if (jwks == null) throw new IOException("discovery document has no jwks_uri");
        return jwks;
    }
}
