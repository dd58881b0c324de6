package dev.backplane.devstack.sandbox;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs inside every function JVM (no dependency beyond the JDK): maps a real AWS endpoint host to devstack's local
 * endpoint for that service, so an SDK that ignores {@code AWS_ENDPOINT_URL_*} still never reaches AWS. A service
 * devstack does not emulate goes to devstack's "unsupported service" endpoint, which answers with an error naming it.
 */
public final class LocalRedirect {
    /** Service prefix of the host → the environment variable holding devstack's endpoint for it. */
    private static final Map<String, String> SERVICES = Map.ofEntries(
        Map.entry("dynamodb", "AWS_ENDPOINT_URL_DYNAMODB"),
        Map.entry("ddb", "AWS_ENDPOINT_URL_DYNAMODB"),
        Map.entry("streams.dynamodb", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS"),
        Map.entry("sqs", "AWS_ENDPOINT_URL_SQS"),
        Map.entry("queue", "AWS_ENDPOINT_URL_SQS"),
        Map.entry("events", "AWS_ENDPOINT_URL_EVENTBRIDGE"),
        Map.entry("cognito-idp", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"),
        Map.entry("execute-api", "DEVSTACK_EXECUTE_API_ENDPOINT"));
    static final String UNSUPPORTED = "DEVSTACK_UNSUPPORTED_SERVICE_ENDPOINT";
    private static final Set<String> warned = ConcurrentHashMap.newKeySet();

    private LocalRedirect() {}

    /** The local endpoint for a request to {@code host}, or null when the host is not AWS (already local, or a third party). */
    public static URI target(String host) {
        if (host == null) return null;
        String h = host.toLowerCase(Locale.ROOT);
        if (!(h.endsWith(".amazonaws.com") || h.endsWith(".amazonaws.com.cn") || h.endsWith(".api.aws"))) return null;
        String service = service(h);
        String url = System.getenv(SERVICES.getOrDefault(service, UNSUPPORTED));
        if (url == null || !SERVICES.containsKey(service)) url = unsupported() + "/" + service;
        return URI.create(url);
    }

    /** Where calls to services devstack does not run go; without devstack's answer, a closed local port (never AWS). */
    private static String unsupported() {
        String url = System.getenv(UNSUPPORTED);
        return url != null ? url : "http://127.0.0.1:9";
    }

    /** dynamodb.eu-west-1.amazonaws.com → dynamodb; 123.ddb.… → ddb; abc.execute-api.… → execute-api; sqs-fips → sqs. */
    static String service(String host) {
        String[] labels = host.split("\\.");
        if (host.startsWith("streams.dynamodb.")) return "streams.dynamodb";
        for (String label : labels) {
            if (label.equals("execute-api") || label.equals("ddb") || label.equals("queue")) return label;
        }
        return labels[0].replace("-fips", "");
    }

    /** Says once per JVM and service which SDK ignored the endpoint settings (devstack shows it once per function). */
    public static void warnOnce(String sdk, String host, URI target) {
        String service = service(host.toLowerCase(Locale.ROOT));
        if (!warned.add(service)) return;
        System.err.println("[devstack] " + sdk + " ignores AWS_ENDPOINT_URL_*: calls to " + host + " are redirected to "
            + target + (target.toString().startsWith(unsupported()) ? " (devstack does not emulate " + service + ")" : "")
            + " (a newer SDK v2 release reads the standard endpoint variables).");
    }
}
