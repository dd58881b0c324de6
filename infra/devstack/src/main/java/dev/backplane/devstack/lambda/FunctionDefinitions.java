package dev.backplane.devstack.lambda;

import dev.backplane.devstack.sqs.QueueArns;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads the template's AWS::Serverless::Function resources into {@link FunctionConfig}s, failing on what devstack cannot honour. */
public final class FunctionDefinitions {
    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    /** Local default when ReservedConcurrentExecutions is absent: enough for parallel tests, small for a laptop. */
    public static final int DEFAULT_MAX_CONCURRENCY = 4;
    private static final Set<String> SUPPORTED = Set.of("CodeUri", "Handler", "Runtime", "MemorySize", "Timeout",
        "Environment", "Events", "ReservedConcurrentExecutions", "FunctionName", "EventInvokeConfig", "DeadLetterQueue",
        // accepted, no local effect: permissions, placement, tracing, publishing and packaging details are AWS-side
        "Policies", "Role", "Architectures", "Tracing", "Description", "Tags", "AutoPublishAlias", "SnapStart",
        "VpcConfig", "EphemeralStorage", "PackageType", "KmsKeyArn", "PermissionsBoundary", "RolePath",
        "LoggingConfig", "ProvisionedConcurrencyConfig", "RuntimeManagementConfig", "AutoPublishCodeSha256",
        "DeploymentPreference", "Layers");
    /** Lambda reserves these; the template cannot set them (Lambda rejects the deployment). */
    private static final Set<String> RESERVED_ENV = Set.of("AWS_REGION", "AWS_LAMBDA_FUNCTION_NAME", "_HANDLER",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

    private FunctionDefinitions() {}

    public static Map<String, FunctionConfig> load(Template template, Intrinsics intrinsics) {
        Map<String, FunctionConfig> functions = new LinkedHashMap<>();
        for (Resource r : template.ofType(FUNCTION_TYPE)) functions.put(r.logicalId(), config(template, intrinsics, r));
        return functions;
    }

    static FunctionConfig config(Template template, Intrinsics intrinsics, Resource r) {
        r.requireOnly(SUPPORTED);
        String id = r.logicalId();
        if (r.property("Layers") instanceof java.util.List<?> layers && !layers.isEmpty()) {
            throw TemplateException.unsupported(id, r.type(), "Layers");
        }
        Object packageType = r.property("PackageType");
        if (packageType != null && !"Zip".equals(intrinsics.resolveString(packageType))) {
            throw TemplateException.unsupported(id, r.type(), "PackageType: " + packageType);
        }
        String runtime = r.property("Runtime") == null ? null : intrinsics.resolveString(r.property("Runtime"));
        if (runtime == null || !runtime.startsWith("java")) {
            throw new TemplateException("devstack runs Java functions only; " + id + " has Runtime '" + runtime + "'");
        }
        Object code = intrinsics.resolve(r.property("CodeUri"));
        if (!(code instanceof String codeUri)) {
            throw new TemplateException("devstack needs a local path in CodeUri (resource " + id + "), got " + code);
        }
        String handler = intrinsics.resolveString(r.property("Handler"));
        if (handler == null) throw new TemplateException(id + ": Handler is missing");
        Path base = template.file().toAbsolutePath().getParent();
        String name = intrinsics.physicalName(id);
        Map<String, String> env = new LinkedHashMap<>();
        if (intrinsics.resolve(r.map("Environment")) instanceof Map<?, ?> e && e.get("Variables") instanceof Map<?, ?> vars) {
            vars.forEach((k, v) -> {
                if (RESERVED_ENV.contains(String.valueOf(k))) {
                    throw new TemplateException(id + ": environment variable " + k + " is reserved by Lambda");
                }
                env.put(String.valueOf(k), String.valueOf(v));
            });
        }
        int reserved = intOr(intrinsics, r, "ReservedConcurrentExecutions", DEFAULT_MAX_CONCURRENCY);
        if (reserved == 0) throw new TemplateException(id + ": ReservedConcurrentExecutions 0 means the function can never run");
        Map<String, Object> invokeConfig = r.map("EventInvokeConfig");
        int retries = invokeConfig.get("MaximumRetryAttempts") == null ? 2
            : Integer.parseInt(intrinsics.resolveString(invokeConfig.get("MaximumRetryAttempts")));
        return new FunctionConfig(id, name, "arn:aws:lambda:" + intrinsics.region() + ":" + intrinsics.accountId() + ":function:" + name,
            handler, runtime, base.resolve(codeUri).normalize(), intOr(intrinsics, r, "MemorySize", 128),
            intOr(intrinsics, r, "Timeout", 3), env, reserved, retries, asyncDeadLetterQueue(template, intrinsics, r));
    }

    /** DeadLetterQueue {Type: SQS, TargetArn} or EventInvokeConfig.DestinationConfig.OnFailure {Type: SQS, Destination}. */
    private static String asyncDeadLetterQueue(Template template, Intrinsics intrinsics, Resource r) {
        Map<String, Object> dlq = r.map("DeadLetterQueue");
        Object arn = null;
        if (!dlq.isEmpty()) {
            if (!"SQS".equals(intrinsics.resolveString(dlq.get("Type")))) throw TemplateException.unsupported(r.logicalId(), r.type(), "DeadLetterQueue.Type (only SQS)");
            arn = dlq.get("TargetArn");
        }
        Map<String, Object> invokeConfig = r.map("EventInvokeConfig");
        if (invokeConfig.get("DestinationConfig") instanceof Map<?, ?> destinations) {
            if (destinations.containsKey("OnSuccess")) throw TemplateException.unsupported(r.logicalId(), r.type(), "EventInvokeConfig.DestinationConfig.OnSuccess");
            if (destinations.get("OnFailure") instanceof Map<?, ?> onFailure) {
                if (!"SQS".equals(intrinsics.resolveString(onFailure.get("Type")))) throw TemplateException.unsupported(r.logicalId(), r.type(), "EventInvokeConfig OnFailure Type (only SQS)");
                arn = onFailure.get("Destination");
            }
        }
        return arn == null ? null : QueueArns.logicalIdOf(template, intrinsics, intrinsics.resolveString(arn), r.logicalId());
    }

    private static int intOr(Intrinsics intrinsics, Resource r, String property, int fallback) {
        Object v = r.property(property);
        return v == null ? fallback : Integer.parseInt(intrinsics.resolveString(v));
    }
}
