package dev.backplane.devstack.sandbox;

import com.amazonaws.Request;
import com.amazonaws.handlers.RequestHandler2;
import java.net.URI;

/**
 * A global AWS SDK v1 request handler (listed in com/amazonaws/global/handlers/request.handler2s of the sandbox
 * jar): SDK v1 never read AWS_ENDPOINT_URL_*, so its requests to AWS hosts are sent to devstack here.
 */
public final class SdkV1Redirect extends RequestHandler2 {
    @Override
    public void beforeRequest(Request<?> request) {
        URI endpoint = request.getEndpoint();
        URI target = endpoint == null ? null : LocalRedirect.target(endpoint.getHost());
        if (target == null) return;
        LocalRedirect.warnOnce("AWS SDK for Java v1 " + version(), endpoint.getHost(), target);
        request.setEndpoint(target);
    }

    private static String version() {
        try {
            return String.valueOf(Class.forName("com.amazonaws.util.VersionInfoUtils").getMethod("getVersion").invoke(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            return "";
        }
    }
}
