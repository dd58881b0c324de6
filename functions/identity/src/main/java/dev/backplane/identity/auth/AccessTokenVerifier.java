// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.backplane.identity.domain.Identity;
import dev.backplane.identity.domain.Roles;
import java.text.ParseException;
import java.util.Set;

/**
 * Verifies an OIDC access token with Nimbus: signature by the issuer's JWKS with RS256 or ES256 only (so
 * {@code alg: none} and HMAC tokens — e.g. HS256 "signed" with the public key — never verify), header type JWT or
 * at+jwt (or none, as Cognito sends), then the {@link AccessTokenClaims} rules.
 */
public final class AccessTokenVerifier {
    public static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    /** Real access tokens are 1-2 KB; anything this big is an attack on the parser. */
    static final int MAX_TOKEN_LENGTH = 8 * 1024;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final OidcSettings settings;
    private final IssuerKeys keys;

    public AccessTokenVerifier(OidcSettings settings) {
        this(settings, new DefaultResourceRetriever(2_000, 2_000, 512 * 1024));
    }

    AccessTokenVerifier(OidcSettings settings, ResourceRetriever retriever) {
        this.settings = settings;
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        this.keys = new IssuerKeys(settings, retriever);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED_ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(new AccessTokenClaims(settings));
    }

    /** Discovery + JWKS now (Lambda init) rather than in the first call; failures are left to the first call. */
    void prime() {
        try {
            keys.get(new com.nimbusds.jose.jwk.JWKSelector(new com.nimbusds.jose.jwk.JWKMatcher.Builder().build()), null);
            verify("e30.e30.e30"); // loads the parsing/verification classes; rejected, as intended
        } catch (TokenRejectedException | com.nimbusds.jose.KeySourceException expected) {
            // nothing cached yet: the first real call fetches the keys
        }
    }

    /** The token's claims checked; a machine token (see {@link TokenKind}) is never turned into a user identity. */
    VerifiedToken verify(String token) throws TokenRejectedException {
        if (token == null || token.isBlank()) throw new TokenRejectedException("missing token");
        if (token.length() > MAX_TOKEN_LENGTH) throw new TokenRejectedException("token longer than " + MAX_TOKEN_LENGTH + " characters");
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new TokenRejectedException("malformed token: " + e.getMessage());
        } catch (BadJOSEException | JOSEException e) {
            throw new TokenRejectedException(e.getMessage());
        }
        if (TokenKind.isMachine(claims)) return new VerifiedToken.Machine(TokenKind.clientId(claims), TokenKind.scopes(claims));
        return new VerifiedToken.User(new Identity(claims.getSubject(), string(claims, "email"), usernameHint(claims),
            Roles.ofPerson(RoleClaims.read(claims, settings.rolesClaims()))));
    }

    /** What the user is called at the issuer, for a first handle: Keycloak/mock, Cognito, then generic claims. */
    private static String usernameHint(JWTClaimsSet claims) {
        for (String name : new String[] {"preferred_username", "cognito:username", "username", "nickname"}) {
            String value = string(claims, name);
            if (value != null) return value;
        }
        return null;
    }

    private static String string(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s && !s.isBlank() ? s : null;
    }
}
