package dev.backplane.devstack.sqs;

import dev.backplane.devstack.events.FilterCriteria;
import dev.backplane.devstack.lambda.LambdaRuntime;
import dev.backplane.devstack.logs.LogSink;
import dev.backplane.devstack.template.FunctionEvent;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds an {@link SqsEventSourceMapping} for every {@code Events: Type: SQS} of the template. */
public final class SqsEventSources {
    private static final Set<String> SUPPORTED = Set.of("Queue", "BatchSize", "Enabled", "FilterCriteria",
        "FunctionResponseTypes", "MaximumBatchingWindowInSeconds", "ScalingConfig",
        // accepted, no local effect
        "KmsKeyArn", "MetricsConfig");

    private SqsEventSources() {}

    public static void validate(Template template, Intrinsics intrinsics) {
        for (FunctionEvent e : FunctionEvent.ofType(template, "SQS")) settings(e, template, intrinsics, Map.of(), null);
    }

    public static List<SqsEventSourceMapping> start(Template template, Intrinsics intrinsics, Map<String, String> queueUrls,
                                                    SqsClient sqs, LambdaRuntime lambda, LogSink log) {
        List<SqsEventSourceMapping> mappings = new ArrayList<>();
        for (FunctionEvent e : FunctionEvent.ofType(template, "SQS")) {
            SqsEventSourceMapping.Settings s = settings(e, template, intrinsics, queueUrls, lambda);
            if (s != null) mappings.add(new SqsEventSourceMapping(s, sqs, lambda, log, intrinsics.region()));
        }
        return mappings;
    }

    private static SqsEventSourceMapping.Settings settings(FunctionEvent e, Template template, Intrinsics intrinsics,
                                                           Map<String, String> queueUrls, LambdaRuntime lambda) {
        e.requireOnly(SUPPORTED);
        String usedBy = e.functionId() + ".Events." + e.name();
        String queueId = QueueArns.logicalIdOf(template, intrinsics, intrinsics.resolveString(e.property("Queue")), usedBy);
        if (e.property("Enabled") != null && !Boolean.parseBoolean(intrinsics.resolveString(e.property("Enabled")))) return null;
        int batchSize = intOr(intrinsics, e.property("BatchSize"), 10);
        int window = intOr(intrinsics, e.property("MaximumBatchingWindowInSeconds"), 0);
        if (batchSize > 10 && window == 0) {
            throw new TemplateException(usedBy + ": BatchSize above 10 needs MaximumBatchingWindowInSeconds (AWS rejects it too)");
        }
        Object types = intrinsics.resolve(e.property("FunctionResponseTypes"));
        boolean partial = types instanceof List<?> l && l.contains("ReportBatchItemFailures");
        int pollers = 2;
        if (intrinsics.resolve(e.property("ScalingConfig")) instanceof Map<?, ?> scaling && scaling.get("MaximumConcurrency") != null) {
            pollers = Integer.parseInt(String.valueOf(scaling.get("MaximumConcurrency")));
        }
        if (lambda != null) pollers = Math.max(1, Math.min(pollers, lambda.function(e.functionId()).maxConcurrency()));
        return new SqsEventSourceMapping.Settings(e.functionId(), queueUrls.get(queueId), QueueArns.arn(intrinsics, queueId),
            batchSize, Duration.ofSeconds(window), partial, FilterCriteria.from(e.property("FilterCriteria"), intrinsics, usedBy), pollers);
    }

    static int intOr(Intrinsics intrinsics, Object value, int fallback) {
        return value == null ? fallback : Integer.parseInt(intrinsics.resolveString(value));
    }
}
