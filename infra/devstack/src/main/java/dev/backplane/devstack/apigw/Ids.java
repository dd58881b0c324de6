// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/** Identifiers shaped like API Gateway's, so code that logs or parses them sees familiar values. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {}

    /** HTTP/WebSocket API request ids, connection ids and message ids look like "JKJaXmPLvHcESHA=". */
    static String shortId() {
        byte[] b = new byte[11];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b).replace('/', 'A').replace('+', 'B');
    }

    /** REST API request ids are UUIDs. */
    static String uuid() { return UUID.randomUUID().toString(); }

    /** A stable 10-character api id per logical id, so URLs and ARNs don't change between restarts. */
    static String apiId(String logicalId) {
        byte[] digest = sha256(logicalId);
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 10; i++) id.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
        return id.toString();
    }

    /** X-Ray style trace id: Root=1-{epoch seconds hex}-{24 hex}. */
    static String traceId(long epochMillis) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "Root=1-" + Long.toHexString(epochMillis / 1000).toLowerCase(Locale.ROOT) + "-" + HexFormat.of().formatHex(b);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
