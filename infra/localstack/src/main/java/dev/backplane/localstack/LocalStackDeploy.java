// SPDX-License-Identifier: Apache-2.0
package dev.backplane.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backplane.orders.store.CatalogSeeder;
import dev.backplane.orders.store.DynamoCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Deploys template.yaml and the built Lambda artifacts to a running LocalStack through CloudFormation (LocalStack
 * runs the SAM transform): artifacts and the template go to LocalStack's S3, the stack is created or updated with
 * local parameters, the catalog is seeded, the endpoints are printed. Without API Gateway v2 in the LocalStack plan
 * (its free plan) it deploys in hybrid mode: everything but the API layer, which devstack serves.
 *
 * <p>Usage (infra/localstack/deploy wraps it): {@code LocalStackDeploy [--endpoint URL] [--stack NAME]
 * [--hybrid|--full] [--param Name=Value]... [--env NAME=VALUE]...}
 */
public final class LocalStackDeploy {
    public static final String DEFAULT_ENDPOINT = "http://localhost:4566";
    static final String BUCKET = "backplane-artifacts";

    /** What to deploy where; {@code hybrid} null = decide from the LocalStack's services. */
    public record Options(URI endpoint, String stack, Path template, Boolean hybrid, Map<String, String> parameters, Map<String, String> environment) {
        public static Options defaults(Path template) {
            return new Options(URI.create(DEFAULT_ENDPOINT), "backplane", template, null, Map.of(), Map.of());
        }

        public Options with(URI newEndpoint, Boolean newHybrid, Map<String, String> newParameters, Map<String, String> newEnvironment) {
            return new Options(newEndpoint, stack, template, newHybrid, newParameters, newEnvironment);
        }
    }

    /** A deployed stack: outputs, logical id → physical id, and whether the API layer is left to devstack. */
    public record Deployment(String stack, boolean hybrid, Map<String, String> outputs, Map<String, String> resources, int seededProducts) {}

    private LocalStackDeploy() {}

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Deployment d;
        try {
            d = deploy(options, System.out::println);
        } catch (IllegalStateException | CloudFormation.CloudFormationException e) {
            System.err.println("deploy failed: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println();
        System.out.println("stack " + d.stack() + " deployed to LocalStack at " + options.endpoint() + (d.hybrid() ? " (hybrid: APIs on devstack)" : ""));
        d.outputs().forEach((k, v) -> System.out.printf("  %-22s %s%n", k, v));
        System.out.printf("  %-22s %s%n", "AppTable", d.resources().get("AppTable"));
        System.out.println("  catalog: " + d.seededProducts() + " products seeded");
        if (d.hybrid()) {
            System.out.println("  HTTP/WebSocket APIs, authorizer and OIDC are not in this LocalStack plan: serve them with devstack"
                + " (infra/localstack/README.md, \"What runs where\"), or set LOCALSTACK_AUTH_TOKEN for a plan that has API Gateway v2.");
        }
        System.exit(0);
    }

    /** Deploys and waits for the stack; {@code progress} receives one line per step. */
    public static Deployment deploy(Options o, java.util.function.Consumer<String> progress) throws IOException {
        boolean hybrid = o.hybrid() != null ? o.hybrid() : !hasApiGatewayV2(o.endpoint());
        Path base = o.template().toAbsolutePath().getParent();
        String region = o.parameters().getOrDefault("AWS_REGION", "us-east-1");
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        LocalStackTemplate template = LocalStackTemplate.load(o.template());

        Map<String, String> s3Uris = new LinkedHashMap<>();
        try (S3Client s3 = S3Client.builder().endpointOverride(o.endpoint()).region(Region.of(region)).credentialsProvider(credentials)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()).build()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) s3.createBucket(b -> b.bucket(BUCKET));
            for (String codeUri : template.codeUris()) {
                Path jar = base.resolve(codeUri);
                if (!Files.isRegularFile(jar)) throw new IllegalStateException(codeUri + " is not built: mvn -B -q -ntp package -DskipTests");
                String key = "artifacts/" + sha256(jar) + "-" + jar.getFileName();
                s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(jar));
                s3Uris.put(codeUri, "s3://" + BUCKET + "/" + key);
                progress.accept("uploaded " + codeUri + " (" + Files.size(jar) / (1024 * 1024) + " MB)");
            }
            template.withCodeUris(s3Uris).withEnvironment(o.environment());
            if (hybrid) {
                template.withoutApiLayer();
                progress.accept("hybrid mode: left to devstack " + template.removedResources());
            }
            String templateKey = "templates/" + o.stack() + ".json";
            s3.putObject(b -> b.bucket(BUCKET).key(templateKey), RequestBody.fromString(template.json(), StandardCharsets.UTF_8));
            CloudFormation cfn = new CloudFormation(o.endpoint(), region, "test", "test");
            progress.accept("deploying stack " + o.stack() + " (CloudFormation + SAM transform)...");
            String status = cfn.deploy(o.stack(), o.endpoint() + "/" + BUCKET + "/" + templateKey, localParameters(o), Duration.ofMinutes(15));
            if (!status.equals("CREATE_COMPLETE") && !status.equals("UPDATE_COMPLETE")) {
                throw new IllegalStateException("stack " + o.stack() + " ended " + status + ":\n  " + String.join("\n  ", cfn.failures(o.stack())));
            }
            Map<String, String> resources = cfn.resources(o.stack());
            int seeded;
            try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(o.endpoint()).region(Region.of(region))
                    .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
                seeded = CatalogSeeder.seed(new DynamoCatalog(dynamo, resources.get("AppTable")), base.resolve("infra/seed/products.json"));
            }
            return new Deployment(o.stack(), hybrid, cfn.outputs(o.stack()), resources, seeded);
        }
    }

    /** Local parameters: simulator-friendly Stripe settings, no concurrency reservations, short log retention. */
    static Map<String, String> localParameters(Options o) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Stage", "local");
        p.put("PaidApiConcurrency", "0");
        p.put("LogRetentionDays", "1");
        p.put("LogLevel", "INFO");
        o.parameters().forEach((k, v) -> { if (!k.equals("AWS_REGION")) p.put(k, v); });
        return p;
    }

    /** LocalStack's health endpoint lists the services of its plan; the free plan has no apigatewayv2. */
    static boolean hasApiGatewayV2(URI endpoint) {
        try {
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/_localstack/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
            JsonNode state = new ObjectMapper().readTree(r.body()).path("services").path("apigatewayv2");
            return List.of("available", "running").contains(state.asText());
        } catch (IOException e) {
            throw new IllegalStateException("no LocalStack at " + endpoint + " (docker compose -f infra/localstack/docker-compose.yml up -d): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Options parse(String[] args) {
        URI endpoint = URI.create(System.getenv().getOrDefault("LOCALSTACK_ENDPOINT", DEFAULT_ENDPOINT));
        String stack = "backplane";
        Path template = Path.of("template.yaml");
        Boolean hybrid = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = URI.create(args[++i]);
                case "--stack" -> stack = args[++i];
                case "--template" -> template = Path.of(args[++i]);
                case "--hybrid" -> hybrid = true;
                case "--full" -> hybrid = false;
                case "--param" -> put(parameters, args[++i]);
                case "--env" -> put(environment, args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                    + "; usage: deploy [--endpoint URL] [--stack NAME] [--template FILE] [--hybrid|--full] [--param Name=Value]... [--env NAME=VALUE]...");
            }
        }
        return new Options(endpoint, stack, template, hybrid, parameters, environment);
    }

    private static void put(Map<String, String> map, String pair) {
        int eq = pair.indexOf('=');
        if (eq < 1) throw new IllegalArgumentException("expected Name=Value, got " + pair);
        map.put(pair.substring(0, eq), pair.substring(eq + 1));
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
