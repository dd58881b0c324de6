package dev.backplane.devstack.streams;

import dev.backplane.devstack.events.FilterCriteria;
import dev.backplane.devstack.lambda.LambdaRuntime;
import dev.backplane.devstack.logs.LogSink;
import dev.backplane.devstack.sqs.QueueArns;
import dev.backplane.devstack.template.FunctionEvent;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import dev.backplane.devstack.dynamodb.TableFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds a {@link StreamEventSourceMapping} for every {@code Events: Type: DynamoDB} of the template. */
public final class StreamEventSources {
    private static final Set<String> SUPPORTED = Set.of("Stream", "StartingPosition", "BatchSize", "Enabled",
        "MaximumBatchingWindowInSeconds", "BisectBatchOnFunctionError", "MaximumRetryAttempts", "FunctionResponseTypes",
        "DestinationConfig", "FilterCriteria",
        // accepted: ParallelizationFactor only raises AWS throughput (order per item is kept locally anyway);
        // MaximumRecordAgeInSeconds cannot trigger in a local session's lifetime in practice
        "ParallelizationFactor", "MaximumRecordAgeInSeconds", "KmsKeyArn", "MetricsConfig");

    private StreamEventSources() {}

    public static void validate(Template template, Intrinsics intrinsics) {
        for (FunctionEvent e : FunctionEvent.ofType(template, "DynamoDB")) settings(e, template, intrinsics, Map.of(), null);
    }

    public static List<StreamEventSourceMapping> start(Template template, Intrinsics intrinsics, Map<String, String> queueUrls,
                                                       DynamoDbClient dynamo, DynamoDbStreamsClient streams, SqsClient sqs,
                                                       LambdaRuntime lambda, LogSink log, java.nio.file.Path checkpointDir) {
        List<StreamEventSourceMapping> mappings = new ArrayList<>();
        for (FunctionEvent e : FunctionEvent.ofType(template, "DynamoDB")) {
            StreamEventSourceMapping.Settings s = settings(e, template, intrinsics, queueUrls, checkpointDir);
            if (s == null) continue;
            String streamArn = dynamo.describeTable(b -> b.tableName(s.tableName())).table().latestStreamArn();
            if (streamArn == null) throw new TemplateException("table " + s.tableName() + " has no stream (StreamSpecification) but "
                + e.functionId() + " maps it");
            mappings.add(new StreamEventSourceMapping(s, streamArn, streams, sqs, lambda, log, intrinsics.region(), intrinsics.accountId(), lambda.activity()));
        }
        return mappings;
    }

    private static StreamEventSourceMapping.Settings settings(FunctionEvent e, Template template, Intrinsics intrinsics,
                                                              Map<String, String> queueUrls, java.nio.file.Path checkpointDir) {
        e.requireOnly(SUPPORTED);
        String usedBy = e.functionId() + ".Events." + e.name();
        String arn = intrinsics.resolveString(e.property("Stream"));
        String tableName = tableOf(template, intrinsics, arn, usedBy);
        if (e.property("Enabled") != null && !Boolean.parseBoolean(intrinsics.resolveString(e.property("Enabled")))) return null;
        String start = e.property("StartingPosition") == null ? null : intrinsics.resolveString(e.property("StartingPosition"));
        if (!"TRIM_HORIZON".equals(start) && !"LATEST".equals(start)) {
            throw new TemplateException(usedBy + ": StartingPosition must be TRIM_HORIZON or LATEST locally, got " + start);
        }
        Object types = intrinsics.resolve(e.property("FunctionResponseTypes"));
        String onFailure = null;
        if (intrinsics.resolve(e.property("DestinationConfig")) instanceof Map<?, ?> dc && dc.get("OnFailure") instanceof Map<?, ?> of) {
            String destination = String.valueOf(of.get("Destination"));
            if (!destination.startsWith("arn:aws:sqs:")) throw new TemplateException(usedBy + ": only SQS OnFailure destinations are supported, got " + destination);
            onFailure = queueUrls.get(QueueArns.logicalIdOf(template, intrinsics, destination, usedBy));
        }
        Object retries = e.property("MaximumRetryAttempts");
        return new StreamEventSourceMapping.Settings(e.functionId(),
            "arn:aws:lambda:" + intrinsics.region() + ":" + intrinsics.accountId() + ":function:" + intrinsics.physicalName(e.functionId()),
            tableName, ShardIteratorType.fromValue(start), intOr(intrinsics, e.property("BatchSize"), 100),
            Duration.ofSeconds(intOr(intrinsics, e.property("MaximumBatchingWindowInSeconds"), 0)),
            Boolean.parseBoolean(String.valueOf(intrinsics.resolve(e.property("BisectBatchOnFunctionError")))),
            retries == null ? -1 : Integer.parseInt(intrinsics.resolveString(retries)),
            types instanceof List<?> l && l.contains("ReportBatchItemFailures"),
            FilterCriteria.from(e.property("FilterCriteria"), intrinsics, usedBy), onFailure,
            checkpointDir == null ? null : checkpointDir.resolve(e.functionId() + "." + e.name() + ".json"));
    }

    /** The table whose stream an ARN names (arn:aws:dynamodb:region:account:table/NAME/stream/LABEL). */
    private static String tableOf(Template template, Intrinsics intrinsics, String streamArn, String usedBy) {
        int t = streamArn == null ? -1 : streamArn.indexOf(":table/");
        int s = t < 0 ? -1 : streamArn.indexOf("/stream/", t);
        if (s < 0) throw new TemplateException(usedBy + ": Stream must be a DynamoDB stream ARN (!GetAtt Table.StreamArn), got " + streamArn);
        String name = streamArn.substring(t + ":table/".length(), s);
        for (Resource table : template.ofType(TableFactory.TABLE_TYPE)) {
            if (intrinsics.physicalName(table.logicalId()).equals(name)) return name;
        }
        throw new TemplateException(usedBy + ": stream of table '" + name + "', which is not in the template");
    }

    private static int intOr(Intrinsics intrinsics, Object value, int fallback) {
        return value == null ? fallback : Integer.parseInt(intrinsics.resolveString(value));
    }
}
