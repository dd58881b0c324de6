// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.cognito;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** An {@code AWS::Cognito::UserPoolClient}: its auth flows, optional secret and token lifetimes. */
record AppClient(String logicalId, String clientId, String secret, Set<String> authFlows, boolean preventUserExistenceErrors,
                 Duration accessTokenValidity, Duration idTokenValidity, Duration refreshTokenValidity) {
    /** Cognito's flows when ExplicitAuthFlows is absent: SRP, custom and refresh — not USER_PASSWORD_AUTH. */
    static final Set<String> DEFAULT_FLOWS = Set.of("ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");

    boolean allows(String flow) {
        return switch (flow) {
            case "USER_PASSWORD_AUTH" -> authFlows.contains("ALLOW_USER_PASSWORD_AUTH") || authFlows.contains("USER_PASSWORD_AUTH");
            case "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH" ->
                authFlows.contains("ALLOW_ADMIN_USER_PASSWORD_AUTH") || authFlows.contains("ADMIN_NO_SRP_AUTH");
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> true; // Cognito always allows refreshing
            default -> false;
        };
    }

    /** A client with a secret requires SECRET_HASH = Base64(HMAC-SHA256(secret, username + clientId)). */
    void checkSecretHash(String username, String secretHash) {
        if (secret == null) return;
        if (secretHash == null) throw CognitoError.notAuthorized("Client " + clientId + " is configured with secret but SECRET_HASH was not received");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((username + clientId).getBytes(StandardCharsets.UTF_8));
            byte[] given;
            try {
                given = Base64.getDecoder().decode(secretHash);
            } catch (IllegalArgumentException e) {
                given = new byte[0];
            }
            if (!MessageDigest.isEqual(expected, given)) throw CognitoError.notAuthorized("Unable to verify secret hash for client " + clientId);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
