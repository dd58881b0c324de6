package dev.backplane.core.testing;

import dev.backplane.devstack.dynamodb.DynamoDbLocal;
import dev.backplane.devstack.dynamodb.TableFactory;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One DynamoDB Local (AWS's own, in-process) per test JVM, and fresh copies of the template's AppTable for each
 * test class: tests run against the real table definition (keys, GSIs, stream, TTL), never a hand-made one.
 */
public final class LocalDynamo {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbLocal server;
    private static DynamoDbClient client;

    private LocalDynamo() {}

    public static synchronized DynamoDbClient client() {
        if (server == null) {
            server = DynamoDbLocal.start(0, null);
            client = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return client;
    }

    public static String endpoint() {
        client();
        return server.endpoint().toString();
    }

    public static DynamoDbStreamsClient streams() {
        return DynamoDbStreamsClient.builder().endpointOverride(java.net.URI.create(endpoint())).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates a new, empty copy of the template's AppTable and returns its name. */
    public static String newAppTable() { return newTable("AppTable"); }

    /** Creates a new, empty copy of any of the template's DynamoDB tables (by logical id) and returns its name. */
    public static String newTable(String logicalId) {
        Resource table = template().resource(logicalId);
        Map<String, Object> props = new LinkedHashMap<>(table.properties());
        String name = logicalId + "-" + TABLES.incrementAndGet() + "-" + ProcessHandle.current().pid();
        props.put("TableName", name);
        return TableFactory.create(client(), new Resource(name, table.type(), props));
    }

    /** Environment a function would get on devstack/AWS, pointing at this DynamoDB Local. */
    public static Map<String, String> environment(String table) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TABLE_NAME", table);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoint());
        env.put("EVENT_BUS_NAME", "backplane-test");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        return env;
    }

    public static Template template() { return Template.load(repoRoot().resolve("template.yaml")); }

    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
        return dir;
    }
}
