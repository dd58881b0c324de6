// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** How request bodies reach the function: as text, or base64 with isBase64Encoded=true. */
final class BodyEncoding {
    private BodyEncoding() {}

    /**
     * HTTP APIs pass text media types as text and base64-encode everything else (form posts and a missing
     * content-type included), which is what handlers deployed behind AWS see.
     */
    static boolean httpApiTreatsAsText(String contentType) {
        if (contentType == null) return false;
        String t = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return t.startsWith("text/") || t.equals("application/json") || t.endsWith("+json")
            || t.equals("application/javascript") || t.equals("application/xml") || t.endsWith("+xml")
            || t.equals("application/graphql") || t.equals("application/yaml");
    }

    /** REST APIs base64-encode only media types listed in BinaryMediaTypes (wildcards such as image/* or *&#47;*). */
    static boolean restApiTreatsAsBinary(String contentType, List<String> binaryMediaTypes) {
        if (contentType == null || binaryMediaTypes.isEmpty()) return false;
        String t = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        for (String b : binaryMediaTypes) {
            String p = b.replace("~1", "/").toLowerCase(Locale.ROOT);
            if (IamPolicy.glob(p, t)) return true;
        }
        return false;
    }

    static String text(byte[] body) { return new String(body, StandardCharsets.UTF_8); }

    static String base64(byte[] body) { return Base64.getEncoder().encodeToString(body); }
}
