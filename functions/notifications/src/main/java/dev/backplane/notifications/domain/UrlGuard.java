package dev.backplane.notifications.domain;

import dev.backplane.core.error.ValidationException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * SSRF defence for user-supplied URLs: https only, no credentials in the URL, and every address the host resolves
 * to must be public (no loopback, private, link-local, metadata, CGNAT, unique-local, multicast or wildcard).
 * Checked when a webhook is registered and again before every delivery (DNS can change); redirects are never
 * followed by the sender. {@code allowLoopbackHttp} exists for local development only (devstack flag).
 */
public final class UrlGuard {
    public interface Resolver { InetAddress[] resolve(String host) throws UnknownHostException; }

    public static final Resolver SYSTEM_DNS = InetAddress::getAllByName;

    private final Resolver resolver;
    private final boolean allowLoopbackHttp;

    public UrlGuard(Resolver resolver, boolean allowLoopbackHttp) {
        this.resolver = resolver;
        this.allowLoopbackHttp = allowLoopbackHttp;
    }


    /** The URL if it is safe to call; otherwise a 422 naming {@code field}. */
    public URI check(String url, String field) {
        if (url == null || url.isBlank() || url.length() > 2048) throw ValidationException.of(field, "required, at most 2048 characters");
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(field, "not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isBlank()) throw ValidationException.of(field, "the URL needs a host");
        if (uri.getRawUserInfo() != null) throw ValidationException.of(field, "credentials in the URL are not allowed");
        boolean plainHttp = scheme.equals("http") && allowLoopbackHttp;
        if (!scheme.equals("https") && !plainHttp) throw ValidationException.of(field, "must be an https URL");
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw ValidationException.of(field, "the host does not resolve");
        }
        boolean allLoopback = addresses.length > 0;
        for (InetAddress a : addresses) allLoopback &= a.isLoopbackAddress();
        if (allowLoopbackHttp && allLoopback) return uri;
        if (plainHttp) throw ValidationException.of(field, "must be an https URL");
        for (InetAddress a : addresses) {
            if (!isPublic(a)) throw ValidationException.of(field, "resolves to a private, loopback, link-local or metadata address");
        }
        return uri;
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240) return false;                       // "this network", reserved, broadcast
            if (first == 100 && second >= 64 && second <= 127) return false;    // carrier-grade NAT
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) return false; // IETF protocol assignments
            if (first == 198 && (second == 18 || second == 19)) return false;   // benchmarking
            return true;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return false;                            // unique local fc00::/7
            boolean mapped = true;                                              // ::ffff:a.b.c.d
            for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            if ((b[0] & 0xff) == 0xfd && (b[1] & 0xff) == 0x00 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2) return false; // AWS IMDS IPv6 fd00:ec2::
            return true;
        }
        return false;
    }
}
