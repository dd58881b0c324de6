package dev.backplane.devstack.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Template rewrites done while loading, as CloudFormation's transforms would before deployment, so the rest of
 * devstack sees one form of each thing:
 * <ul>
 *   <li>{@code Fn::Transform: {Name: AWS::Include, Parameters: {Location: file}}} is replaced by the file's content
 *       (a local path, relative to the template, as {@code sam} accepts it);</li>
 *   <li>{@code AWS::Serverless::SimpleTable} becomes the {@code AWS::DynamoDB::Table} SAM generates for it;</li>
 *   <li>{@code AWS::Lambda::EventSourceMapping} (SQS queue or DynamoDB stream) becomes an {@code Events} entry of
 *       its function, which the SQS and stream pollers read.</li>
 * </ul>
 */
final class SamShorthands {
    static final String SIMPLE_TABLE = "AWS::Serverless::SimpleTable";
    static final String EVENT_SOURCE_MAPPING = "AWS::Lambda::EventSourceMapping";
    private static final Set<String> SIMPLE_TABLE_PROPERTIES = Set.of("PrimaryKey", "TableName", "ProvisionedThroughput",
        "SSESpecification", "Tags", "PointInTimeRecoverySpecification");
    /** Properties shared by the SQS and DynamoDB event shapes; the pollers validate them per source type. */
    private static final Set<String> MAPPING_PROPERTIES = Set.of("EventSourceArn", "FunctionName", "BatchSize", "Enabled",
        "MaximumBatchingWindowInSeconds", "FunctionResponseTypes", "FilterCriteria", "StartingPosition",
        "BisectBatchOnFunctionError", "MaximumRetryAttempts", "DestinationConfig", "ParallelizationFactor",
        "MaximumRecordAgeInSeconds", "ScalingConfig", "KmsKeyArn", "MetricsConfig", "Tags");

    private SamShorthands() {}

    /** Replaces every {@code Fn::Transform: AWS::Include} in {@code node} (recursively). */
    @SuppressWarnings("unchecked")
    static Object inline(Object node, Path templateDir) {
        if (node instanceof Map<?, ?> map) {
            Object transform = map.get("Fn::Transform");
            if (transform != null) {
                Object included = include(transform, templateDir);
                if (map.size() == 1) return inline(included, templateDir);
                if (!(included instanceof Map<?, ?> extra)) {
                    throw new TemplateException("AWS::Include beside other keys must include a mapping, got " + included);
                }
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) map);
                merged.remove("Fn::Transform");
                merged.putAll((Map<String, Object>) extra);
                return inline(merged, templateDir);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, inline(v, templateDir)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object v : list) out.add(inline(v, templateDir));
            return out;
        }
        return node;
    }

    private static Object include(Object transform, Path templateDir) {
        if (!(transform instanceof Map<?, ?> t) || !"AWS::Include".equals(t.get("Name"))) {
            throw new TemplateException("devstack supports Fn::Transform with Name AWS::Include only, got " + transform);
        }
        Object location = t.get("Parameters") instanceof Map<?, ?> p ? p.get("Location") : null;
        if (!(location instanceof String path)) {
            throw new TemplateException("Fn::Transform AWS::Include needs Parameters.Location (a file path), got " + location);
        }
        if (path.startsWith("s3://")) {
            throw new TemplateException("Fn::Transform AWS::Include of " + path + ": devstack reads local files only; "
                + "use a path relative to the template (as sam does)");
        }
        Path file = templateDir.resolve(path).normalize();
        if (!file.toFile().isFile()) throw new TemplateException("Fn::Transform AWS::Include: file not found: " + file);
        return CfnYaml.load(file);
    }

    /** SAM's SimpleTable: PrimaryKey (default {@code id} String) as hash key, on-demand unless throughput is given. */
    static Resource simpleTable(Resource r) {
        r.requireOnly(SIMPLE_TABLE_PROPERTIES);
        Map<String, Object> key = r.map("PrimaryKey");
        String name = key.get("Name") == null ? "id" : String.valueOf(key.get("Name"));
        String type = switch (key.get("Type") == null ? "String" : String.valueOf(key.get("Type"))) {
            case "String" -> "S";
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> throw new TemplateException(r.logicalId() + ".PrimaryKey.Type must be String, Number or Binary, got " + key.get("Type"));
        };
        Map<String, Object> table = new LinkedHashMap<>();
        if (r.property("TableName") != null) table.put("TableName", r.property("TableName"));
        table.put("AttributeDefinitions", List.of(Map.of("AttributeName", name, "AttributeType", type)));
        table.put("KeySchema", List.of(Map.of("AttributeName", name, "KeyType", "HASH")));
        table.put("BillingMode", r.property("ProvisionedThroughput") == null ? "PAY_PER_REQUEST" : "PROVISIONED");
        for (String kept : List.of("ProvisionedThroughput", "SSESpecification", "Tags", "PointInTimeRecoverySpecification")) {
            if (r.property(kept) != null) table.put(kept, r.property(kept));
        }
        return new Resource(r.logicalId(), "AWS::DynamoDB::Table", table);
    }

    /**
     * Moves each EventSourceMapping into its function's Events (named after the mapping), as SAM's own
     * {@code Events: SQS/DynamoDB} generate exactly such a mapping.
     */
    @SuppressWarnings("unchecked")
    static void eventSourceMappings(Map<String, Resource> resources) {
        for (Resource m : List.copyOf(resources.values())) {
            if (!m.type().equals(EVENT_SOURCE_MAPPING)) continue;
            m.requireOnly(MAPPING_PROPERTIES);
            String functionId = referencedId(m.property("FunctionName"), resources, m, "FunctionName");
            Resource function = resources.get(functionId);
            if (!function.type().equals("AWS::Serverless::Function")) {
                throw new TemplateException(m.logicalId() + ": FunctionName must name an AWS::Serverless::Function, got " + function.type());
            }
            Object sourceArn = m.property("EventSourceArn");
            String sourceId = referencedId(sourceArn, resources, m, "EventSourceArn");
            String attribute = sourceArn instanceof Map<?, ?> getAtt && getAtt.get("Fn::GetAtt") instanceof List<?> a ? String.valueOf(a.get(1)) : "";
            Resource source = resources.get(sourceId);
            Map<String, Object> properties = new LinkedHashMap<>(m.properties());
            properties.remove("FunctionName");
            properties.remove("EventSourceArn");
            properties.remove("Tags");
            String eventType;
            if (source.type().equals("AWS::SQS::Queue") && attribute.equals("Arn")) {
                eventType = "SQS";
                properties.put("Queue", sourceArn);
            } else if (source.type().equals("AWS::DynamoDB::Table") && attribute.equals("StreamArn")) {
                eventType = "DynamoDB";
                properties.put("Stream", sourceArn);
            } else {
                throw new TemplateException(m.logicalId() + " (" + EVENT_SOURCE_MAPPING + "): EventSourceArn must be !GetAtt of an "
                    + "AWS::SQS::Queue's Arn or an AWS::DynamoDB::Table's StreamArn; " + sourceId + " is " + source.type()
                    + " (Kinesis, Kafka and MQ sources are not emulated)");
            }
            Map<String, Object> functionProperties = new LinkedHashMap<>(function.properties());
            Map<String, Object> events = new LinkedHashMap<>(function.map("Events"));
            events.put(m.logicalId(), Map.of("Type", eventType, "Properties", properties));
            functionProperties.put("Events", events);
            resources.put(functionId, new Resource(functionId, function.type(), functionProperties));
        }
    }

    /** The logical id in {@code !Ref X}, {@code !GetAtt X.Attr} or {@code !Sub ${X.Arn}}. */
    private static String referencedId(Object value, Map<String, Resource> resources, Resource owner, String property) {
        String id = null;
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Object arg = map.values().iterator().next();
            switch (String.valueOf(map.keySet().iterator().next())) {
                case "Ref" -> id = String.valueOf(arg);
                case "Fn::GetAtt" -> id = arg instanceof List<?> l ? String.valueOf(l.getFirst()) : String.valueOf(arg).split("\\.")[0];
                default -> { }
            }
        }
        if (id == null || !resources.containsKey(id)) {
            throw new TemplateException(owner.logicalId() + " (" + owner.type() + "): " + property + " must reference a resource "
                + "of this template with !Ref or !GetAtt (devstack cannot map " + value + ")");
        }
        return id;
    }
}
