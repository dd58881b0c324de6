// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local OIDC provider as an SPA and a test client use it: discovery, login page, code + PKCE, token checks. */
class LocalOidcProviderTest {
    static final String REDIRECT = "http://localhost:5173/callback";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalOidcProvider oidc;

    @BeforeAll
    static void start() { oidc = LocalOidcProvider.start(0, List.of(new RegisteredClient("ci-runner", "ci-runner-secret", List.of("ops.read")))); }

    @AfterAll
    static void stop() { oidc.close(); }

    @Test
    void discoveryNamesTheBackplaneIssuer() throws Exception {
        assertTrue(oidc.issuer().matches("http://localhost:\\d+/backplane"), oidc.issuer());
        JsonNode doc = JSON.readTree(get(oidc.issuer() + "/.well-known/openid-configuration").body());
        assertEquals(oidc.issuer(), doc.get("issuer").asText());
        assertEquals(oidc.issuer() + "/jwks", doc.get("jwks_uri").asText());
        assertEquals(oidc.tokenEndpoint(), doc.get("token_endpoint").asText());
    }

    @Test
    void authorizationCodeWithPkceThroughTheLoginPage() throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = oidc.authorizationEndpoint() + "?client_id=backplane-spa&response_type=code&scope=openid&state=s1&nonce=n1"
            + "&redirect_uri=" + enc(REDIRECT) + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        String page = get(authorize).body();
        assertTrue(page.contains("Sign in as <b>bob</b>"), page);
        // submit bob's form exactly as the browser would: the hidden fields from the page
        Matcher m = Pattern.compile("name=\"username\" value=\"bob\">\\s*<input type=\"hidden\" name=\"claims\" value=\"([^\"]*)\"").matcher(page);
        assertTrue(m.find());
        String claims = m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(authorize)).header("content-type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("username=bob&claims=" + enc(claims))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode(), login.body());
        String location = login.headers().firstValue("location").orElseThrow();
        assertTrue(location.startsWith(REDIRECT) && location.contains("state=s1"), location);
        String code = URI.create(location).getQuery().replaceAll(".*code=([^&]+).*", "$1");
        HttpResponse<String> wrongVerifier = token("grant_type=authorization_code&code=" + code + "&redirect_uri=" + enc(REDIRECT)
            + "&client_id=backplane-spa&code_verifier=" + "x".repeat(43));
        assertEquals(400, wrongVerifier.statusCode());
        // a rejected verifier burns the code (as real providers do): run the flow again for the happy path
        String page2 = get(authorize).body();
        Matcher m2 = Pattern.compile("name=\"username\" value=\"bob\">\\s*<input type=\"hidden\" name=\"claims\" value=\"([^\"]*)\"").matcher(page2);
        assertTrue(m2.find());
        HttpResponse<String> login2 = HTTP.send(HttpRequest.newBuilder(URI.create(authorize)).header("content-type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("username=bob&claims=" + enc(claims))).build(), HttpResponse.BodyHandlers.ofString());
        String code2 = URI.create(login2.headers().firstValue("location").orElseThrow()).getQuery().replaceAll(".*code=([^&]+).*", "$1");
        HttpResponse<String> ok = token("grant_type=authorization_code&code=" + code2 + "&redirect_uri=" + enc(REDIRECT)
            + "&client_id=backplane-spa&code_verifier=" + verifier);
        assertEquals(200, ok.statusCode(), ok.body());
        JWTClaimsSet access = verify(JSON.readTree(ok.body()).get("access_token").asText());
        assertEquals("bob", access.getSubject());
        assertEquals(List.of("backplane-spa"), access.getAudience());
        assertEquals("bob@example.com", access.getStringClaim("email"));
        assertEquals(List.of("user"), access.getStringListClaim("groups"));
    }

    @Test
    void seededUsersAndClientCredentialsForTests() throws Exception {
        JWTClaimsSet admin = verify(oidc.accessToken("admin"));
        assertEquals("admin", admin.getSubject());
        assertEquals(List.of("admin"), admin.getStringListClaim("groups"));
        assertEquals(List.of("backplane-spa"), admin.getAudience());
        JWTClaimsSet alice = verify(oidc.accessToken("alice"));
        assertEquals(List.of("user"), alice.getStringListClaim("groups"));
        JWTClaimsSet service = verify(oidc.clientCredentialsToken("ci-runner", "ci-runner-secret"));
        assertEquals("ci-runner", service.getSubject());
        assertEquals("ci-runner", service.getStringClaim("client_id"));
        assertEquals("ops.read", service.getStringClaim("scope"));
        assertEquals(List.of("backplane-spa"), service.getAudience());
        assertNull(service.getClaim("groups"));
    }

    /** The provider once minted a machine token for any client id and secret — including a user's id as client id. */
    @Test
    void clientCredentialsOnlyForRegisteredClientsWithTheirSecret() {
        for (String form : List.of(
            "grant_type=client_credentials&client_id=alice&client_secret=devstack&scope=backplane-spa",
            "grant_type=client_credentials&client_id=ci-runner&client_secret=devstack&scope=backplane-spa",
            "grant_type=client_credentials&client_id=ci-runner&scope=backplane-spa",
            "grant_type=client_credentials&scope=backplane-spa")) {
            var response = oidc.tokenResponse(form);
            assertEquals(401, response.statusCode(), form);
            assertTrue(response.body().contains("invalid_client"), response.body());
        }
        assertEquals(400, oidc.tokenResponse("grant_type=password&username=mallory&password=devstack&client_id=backplane-spa&scope=openid").statusCode());
    }

    /** Verifies a token the way any relying party would: discovery-published JWKS, RS256, iss, exp. */
    static JWTClaimsSet verify(String token) throws Exception {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
            JWKSourceBuilder.create(URI.create(oidc.issuer() + "/jwks").toURL()).build()));
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, new JWTClaimsSet.Builder().issuer(oidc.issuer()).build(), Set.of("exp", "sub")));
        return p.process(token, null);
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> token(String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(oidc.tokenEndpoint())).header("content-type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
