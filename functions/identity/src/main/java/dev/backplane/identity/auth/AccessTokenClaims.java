// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.text.ParseException;
import java.util.Set;

/**
 * Claim rules for access tokens: exact {@code iss}; {@code sub} and {@code exp} required; {@code exp}/{@code nbf}
 * with the configured skew; the audience in {@code aud}, or in {@code client_id} (Cognito access tokens have no
 * {@code aud}); {@code token_use}, where present (Cognito), must be {@code access} so ID tokens are refused.
 */
final class AccessTokenClaims implements JWTClaimsSetVerifier<SecurityContext> {
    private final DefaultJWTClaimsVerifier<SecurityContext> standard;
    private final String audience;

    AccessTokenClaims(OidcSettings settings) {
        this.audience = settings.audience();
        this.standard = new DefaultJWTClaimsVerifier<>(null, new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
            Set.of("sub", "exp"), null);
        this.standard.setMaxClockSkew(settings.clockSkewSeconds());
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        standard.verify(claims, context);
        try {
            boolean audienceMatches = claims.getAudience().contains(audience) || audience.equals(claims.getStringClaim("client_id"));
            if (!audienceMatches) throw new BadJWTException("JWT audience rejected: neither aud nor client_id is the expected audience");
            String tokenUse = claims.getStringClaim("token_use");
            if (tokenUse != null && !tokenUse.equals("access")) throw new BadJWTException("JWT token_use is not access");
        } catch (ParseException e) {
            throw new BadJWTException("JWT client_id or token_use is not a string", e);
        }
    }
}
