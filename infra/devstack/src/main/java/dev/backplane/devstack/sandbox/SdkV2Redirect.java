package dev.backplane.devstack.sandbox;

import java.net.URI;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * A global AWS SDK v2 interceptor (listed in software/amazon/awssdk/global/handlers/execution.interceptors of the
 * sandbox jar, which every SDK v2 release reads): requests still addressed to AWS are sent to devstack instead.
 * Global interceptors run first, so the endpoint is changed where each SDK generation takes it from: the client
 * endpoint attribute before execution (releases with endpoint rules resolve the request's host from it), and the
 * HTTP request itself (older releases). Attributes are looked up by name so any 2.x release links.
 */
public final class SdkV2Redirect implements ExecutionInterceptor {
    private static final ExecutionAttribute<Object> CLIENT_ENDPOINT = attribute("CLIENT_ENDPOINT");
    private static final ExecutionAttribute<Object> ENDPOINT_OVERRIDDEN = attribute("ENDPOINT_OVERRIDDEN");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (CLIENT_ENDPOINT == null) return;
        if (!(attributes.getAttribute(CLIENT_ENDPOINT) instanceof URI endpoint)) return;
        URI target = LocalRedirect.target(endpoint.getHost());
        if (target == null) return;
        LocalRedirect.warnOnce("AWS SDK for Java " + version(), endpoint.getHost(), target);
        attributes.putAttribute(CLIENT_ENDPOINT, target);
        if (ENDPOINT_OVERRIDDEN != null) attributes.putAttribute(ENDPOINT_OVERRIDDEN, Boolean.TRUE);
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        URI target = LocalRedirect.target(request.host());
        if (target == null) return request;
        LocalRedirect.warnOnce("AWS SDK for Java " + version(), request.host(), target);
        String basePath = target.getRawPath() == null ? "" : target.getRawPath().replaceAll("/$", "");
        return request.toBuilder().protocol(target.getScheme()).host(target.getHost()).port(target.getPort())
            .encodedPath(basePath + request.encodedPath()).build();
    }

    @SuppressWarnings("unchecked")
    private static ExecutionAttribute<Object> attribute(String name) {
        try {
            return (ExecutionAttribute<Object>) Class.forName("software.amazon.awssdk.core.interceptor.SdkExecutionAttribute")
                .getField(name).get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static String version() {
        try {
            return (String) Class.forName("software.amazon.awssdk.core.util.VersionInfo").getField("SDK_VERSION").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return "v2";
        }
    }
}
