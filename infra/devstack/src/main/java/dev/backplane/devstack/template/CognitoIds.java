// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Identifiers of the local Cognito user pools and app clients, shaped like AWS's ({@code us-east-1_AbC123xYz},
 * 26-character client ids) and derived from the stack and logical id, so they stay the same across restarts and
 * scripts or a frontend config can keep them.
 */
public final class CognitoIds {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private CognitoIds() {}

    public static String userPoolId(String region, String stackName, String logicalId) {
        return region + "_" + encode(digest("pool", stackName, logicalId), ALNUM, 9);
    }

    public static String clientId(String stackName, String logicalId) {
        return encode(digest("client", stackName, logicalId), LOWER_ALNUM, 26);
    }

    /** A stand-in for the secret Cognito generates ({@code GenerateSecret: true}); stable so a local .env can keep it. */
    public static String clientSecret(String stackName, String logicalId) {
        return Base64.getEncoder().withoutPadding().encodeToString(digest("secret", stackName, logicalId)).replace('+', 'a').replace('/', 'b');
    }

    private static String encode(byte[] bytes, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; out.length() < length; i++) out.append(alphabet.charAt((bytes[i % bytes.length] & 0xff) % alphabet.length()));
        return out.toString();
    }

    private static byte[] digest(String kind, String stackName, String logicalId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((kind + "/" + stackName + "/" + logicalId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
