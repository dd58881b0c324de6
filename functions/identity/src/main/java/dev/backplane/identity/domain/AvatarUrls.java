// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Avatar URLs are fetched by other people's browsers (and possibly by our own services later): only https to a
 * public host name, on the default port, without credentials. No IP literal of any form (dotted, decimal, hex,
 * IPv6 — which covers loopback, private, link-local and the 169.254.169.254 metadata address), no localhost,
 * no single-label or internal names ({@code .local}, {@code .internal}, {@code .localhost}, {@code .lan},
 * {@code .home.arpa}).
 */
public final class AvatarUrls {
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(0x[0-9a-f]*|[0-9]+)");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    private AvatarUrls() {}

    public static boolean isPublicHttps(String value) {
        if (value.length() > ProfilePatch.MAX_AVATAR_URL) return false;
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return false;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getHost() == null) return false;
        if (uri.getPort() != -1 && uri.getPort() != 443) return false;
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
        if (host.startsWith("[") || !HOST.matcher(host).matches()) return false; // IPv6 literals and odd characters
        String last = host.substring(host.lastIndexOf('.') + 1);
        if (NUMERIC_LABEL.matcher(last).matches()) return false; // 127.0.0.1, 10.1, 0x7f.1 and friends
        for (String internal : new String[] {"localhost", "local", "internal", "lan", "intranet", "corp", "home.arpa"}) {
            if (host.equals(internal) || host.endsWith("." + internal)) return false;
        }
        return true;
    }
}
