package dev.backplane.devstack.lambda;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The environment of a Lambda execution environment: template variables, Lambda's reserved ones, devstack endpoints. */
final class SandboxEnvironment {
    private final String region;
    private final ServiceEndpoints endpoints;
    private final List<Path> runtimeJars;

    private final boolean aotCache;
    /** This run's pagination cursor signing key (functions/core CursorSigningKey): deployed stacks get a generated secret. */
    private final String cursorSigningKey = localKey();

    SandboxEnvironment(String region, ServiceEndpoints endpoints, List<Path> runtimeJars, boolean aotCache) {
        this.aotCache = aotCache;
        this.region = region;
        this.endpoints = endpoints;
        this.runtimeJars = runtimeJars;
    }

    List<Path> runtimeJars() { return runtimeJars; }

    /** Whether instances record and load AOT caches. */
    boolean aotCache() { return aotCache; }

    static final String WEBSOCKET_MANAGEMENT_ENDPOINT = "WEBSOCKET_MANAGEMENT_ENDPOINT";
    static final String CURSOR_SIGNING_KEY = "CURSOR_SIGNING_KEY";

    private static String localKey() {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }

    Map<String, String> variables(FunctionConfig f, Path taskRoot, String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        // endpoints first: a template variable of the same name wins, as it would on AWS
        Map<String, String> local = endpoints.asEnvironment();
        env.putAll(local);
        env.putAll(f.environment());
        // the template points this at the AWS execute-api host of the WebSocket API; locally that API is devstack's
        if (local.containsKey(WEBSOCKET_MANAGEMENT_ENDPOINT)) env.put(WEBSOCKET_MANAGEMENT_ENDPOINT, local.get(WEBSOCKET_MANAGEMENT_ENDPOINT));
        String cursorKey = env.get(CURSOR_SIGNING_KEY);
        if (cursorKey == null || cursorKey.length() < 32 || cursorKey.startsWith("{{resolve:")) env.put(CURSOR_SIGNING_KEY, cursorSigningKey);
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + f.runtime());
        env.put("AWS_LAMBDA_FUNCTION_NAME", f.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(f.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + f.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "devstack/" + f.logicalId());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        // dummy credentials: the local endpoints accept any; real ones must never reach a local function
        env.put("AWS_ACCESS_KEY_ID", "devstack");
        env.put("AWS_SECRET_ACCESS_KEY", "devstack");
        env.put("AWS_SESSION_TOKEN", "devstack");
        env.put("_HANDLER", f.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
        return env;
    }
}
