// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.cognito;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Date;
import java.util.Map;

/**
 * Signs the local pools' tokens with one RS256 key (Nimbus JOSE JWT, as the gateway's JWT authorizer verifies them)
 * and publishes it as the pools' JWKS. Like Cognito's tokens, the header has {@code kid} and {@code alg}, no {@code typ}.
 */
final class TokenSigner {
    private final RSAKey key;

    private TokenSigner(RSAKey key) { this.key = key; }

    /** A new key, or with {@code dir} the key kept there (made and saved on first use). */
    static TokenSigner keptIn(java.nio.file.Path dir) {
        try {
            java.nio.file.Path file = dir == null ? null : dir.resolve("signing-key.json");
            if (file != null && java.nio.file.Files.exists(file)) return new TokenSigner(RSAKey.parse(java.nio.file.Files.readString(file)));
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint(true).generate();
            if (file != null) {
                java.nio.file.Files.createDirectories(dir);
                java.nio.file.Files.writeString(file, key.toJSONString()); // a local development key, in the developer's --persist folder
            }
            return new TokenSigner(key);
        } catch (JOSEException | ParseException | java.io.IOException e) {
            throw new IllegalStateException("cannot create the local Cognito signing key: " + e.getMessage(), e);
        }
    }

    String sign(Map<String, Object> claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), JWTClaimsSet.parse(claims));
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot sign a local Cognito token", e);
        }
    }

    /** The claims of a token this signer issued and that has not expired, else null. */
    Map<String, Object> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) return null;
            Date exp = jwt.getJWTClaimsSet().getExpirationTime();
            if (exp == null || exp.before(new Date())) return null;
            return jwt.getPayload().toJSONObject();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return null;
        }
    }

    String jwks() { return new JWKSet(key.toPublicJWK()).toString(); }
}
