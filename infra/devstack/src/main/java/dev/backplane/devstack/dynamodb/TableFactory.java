package dev.backplane.devstack.dynamodb;

import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/** Creates the template's AWS::DynamoDB::Table resources in DynamoDB Local, exactly as declared. */
public final class TableFactory {
    public static final String TABLE_TYPE = "AWS::DynamoDB::Table";
    private static final Set<String> SUPPORTED = Set.of("TableName", "AttributeDefinitions", "KeySchema", "BillingMode",
        "ProvisionedThroughput", "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "StreamSpecification",
        "TimeToLiveSpecification",
        // accepted, no local effect: durability, encryption and tagging are AWS-side concerns
        "PointInTimeRecoverySpecification", "SSESpecification", "Tags", "DeletionProtectionEnabled");

    private TableFactory() {}

    /** The physical table name: a literal TableName, else the logical id (what functions receive via !Ref). */
    public static String tableName(Resource table) {
        return table.property("TableName") instanceof String s ? s : table.logicalId();
    }

    /** Fails on table properties devstack cannot honour (before any server starts). */
    public static void validate(Template template) {
        template.ofType(TABLE_TYPE).forEach(t -> t.requireOnly(SUPPORTED));
    }

    /** Creates every table of the template (existing ones are kept); returns logical id → physical name. */
    public static Map<String, String> createAll(DynamoDbClient dynamo, Template template) {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        for (Resource table : template.ofType(TABLE_TYPE)) {
            names.put(table.logicalId(), create(dynamo, table));
        }
        return names;
    }

    public static String create(DynamoDbClient dynamo, Resource table) {
        table.requireOnly(SUPPORTED);
        String name = tableName(table);
        CreateTableRequest.Builder request = CreateTableRequest.builder()
            .tableName(name)
            .attributeDefinitions(table.list("AttributeDefinitions").stream().map(TableFactory::attribute).toList())
            .keySchema(keys(table.list("KeySchema")))
            // on demand whatever the template says: DynamoDB Local does not throttle, but it caps the provisioned units
            // of all tables at 80,000, which a template with many tables and indexes (or a test suite) exceeds
            .billingMode(BillingMode.PAY_PER_REQUEST);
        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        for (Object raw : table.list("GlobalSecondaryIndexes")) {
            Map<?, ?> gsi = (Map<?, ?>) raw;
            gsis.add(GlobalSecondaryIndex.builder().indexName((String) gsi.get("IndexName"))
                .keySchema(keys((List<?>) gsi.get("KeySchema"))).projection(projection(gsi.get("Projection"))).build());
        }
        if (!gsis.isEmpty()) request.globalSecondaryIndexes(gsis);
        List<LocalSecondaryIndex> lsis = new ArrayList<>();
        for (Object raw : table.list("LocalSecondaryIndexes")) {
            Map<?, ?> lsi = (Map<?, ?>) raw;
            lsis.add(LocalSecondaryIndex.builder().indexName((String) lsi.get("IndexName"))
                .keySchema(keys((List<?>) lsi.get("KeySchema"))).projection(projection(lsi.get("Projection"))).build());
        }
        if (!lsis.isEmpty()) request.localSecondaryIndexes(lsis);
        Map<String, Object> stream = table.map("StreamSpecification");
        if (!stream.isEmpty()) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                .streamViewType(String.valueOf(stream.get("StreamViewType"))).build());
        }
        try {
            dynamo.createTable(request.build());
        } catch (ResourceInUseException alreadyThere) {
            return name; // --persist: the table survived a restart
        }
        Map<String, Object> ttl = table.map("TimeToLiveSpecification");
        if (Boolean.TRUE.equals(ttl.get("Enabled")) || "true".equals(String.valueOf(ttl.get("Enabled")))) {
            dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(
                t -> t.enabled(true).attributeName(String.valueOf(ttl.get("AttributeName")))));
        }
        return name;
    }

    private static AttributeDefinition attribute(Object raw) {
        Map<?, ?> a = (Map<?, ?>) raw;
        return AttributeDefinition.builder().attributeName((String) a.get("AttributeName"))
            .attributeType((String) a.get("AttributeType")).build();
    }

    private static List<KeySchemaElement> keys(List<?> raw) {
        if (raw == null || raw.isEmpty()) throw new TemplateException("a DynamoDB KeySchema is missing or empty");
        return raw.stream().map(k -> (Map<?, ?>) k).map(k -> KeySchemaElement.builder()
            .attributeName((String) k.get("AttributeName")).keyType((String) k.get("KeyType")).build()).toList();
    }

    private static Projection projection(Object raw) {
        if (!(raw instanceof Map<?, ?> p)) return Projection.builder().projectionType("ALL").build();
        Projection.Builder b = Projection.builder().projectionType(String.valueOf(p.get("ProjectionType")));
        if (p.get("NonKeyAttributes") instanceof List<?> attrs) b.nonKeyAttributes(attrs.stream().map(String::valueOf).toList());
        return b.build();
    }
}
