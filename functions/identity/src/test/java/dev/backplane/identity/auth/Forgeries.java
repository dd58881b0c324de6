// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;

/** Classic JWT attacks, built with Nimbus the way an attacker would. */
final class Forgeries {
    private Forgeries() {}

    /** {@code alg: none}: an unsigned token with otherwise valid claims. */
    static String algNone(JWTClaimsSet claims) { return new PlainJWT(claims).serialize(); }

    /** Algorithm confusion: HS256 with the issuer's PUBLIC key (PEM text) as the HMAC secret. */
    static String hs256WithPublicKey(RSAKey publicKey, JWTClaimsSet claims) {
        try {
            byte[] secret = publicKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).build(), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A genuine token whose payload was swapped for another (e.g. sub=admin), signature kept. */
    static String tamperedPayload(String genuine, JWTClaimsSet forged) {
        String[] parts = genuine.split("\\.");
        return parts[0] + "." + Base64URL.encode(forged.toString()) + "." + parts[2];
    }
}
