// SPDX-License-Identifier: Apache-2.0
package dev.backplane.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.devstack.template.FunctionEvent;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What `sam deploy` would accept but production would not survive: template.yaml checked against the built artifacts
 * and the repository's catalogues. Routes against openapi.yaml are {@link OpenApiContractTest}'s job.
 *
 * <p>Two checks compare against lists of known exceptions ({@link #QUEUES_WITHOUT_ALARM}, {@link #EVENTS_WITHOUT_SCHEMA}),
 * now empty: a new exception fails, and so does a listed entry that is no longer one, so the lists cannot grow stale.
 */
class TemplateValidationTest {
    /** Queues allowed to lack a CloudWatch alarm (on them or on their dead-letter queue): none any more. */
    static final Set<String> QUEUES_WITHOUT_ALARM = Set.of();
    /** Event types rules may filter on without a schema in events/schemas/&lt;type&gt;/v&lt;N&gt;.json: none any more. */
    static final Set<String> EVENTS_WITHOUT_SCHEMA = Set.of();
    /** Actions AWS authorizes on no resource: the only ones a statement may grant on "*". */
    static final Set<String> ACTIONS_WITHOUT_RESOURCES = Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords",
        "cloudwatch:PutMetricData", "ssm:DescribeParameters");
    /** Resource types whose properties hold an IAM policy document. */
    static final Map<String, String> POLICY_DOCUMENTS = Map.of("AWS::SQS::QueuePolicy", "PolicyDocument",
        "AWS::S3::BucketPolicy", "PolicyDocument", "AWS::IAM::Policy", "PolicyDocument", "AWS::IAM::ManagedPolicy", "PolicyDocument",
        "AWS::SNS::TopicPolicy", "PolicyDocument", "AWS::Events::EventBusPolicy", "Statement");

    private static final Path ROOT = LocalSystem.repoRoot();
    private static final Template TEMPLATE = Template.load(ROOT.resolve("template.yaml"));
    private static final Map<Path, URLClassLoader> ARTIFACTS = new LinkedHashMap<>();

    @AfterAll
    static void closeArtifacts() throws IOException {
        for (URLClassLoader loader : ARTIFACTS.values()) loader.close();
    }

    @Test
    void everyFunctionsHandlerAndFunctionDefinitionExistInItsArtifact() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Resource function : TEMPLATE.ofType("AWS::Serverless::Function")) {
            String id = function.logicalId();
            Path jar = ROOT.resolve(function.string("CodeUri"));
            if (!Files.isRegularFile(jar)) {
                problems.add(id + ": CodeUri " + ROOT.relativize(jar) + " is not built (mvn package builds every artifact)");
                continue;
            }
            ClassLoader artifact = ARTIFACTS.computeIfAbsent(jar, TemplateValidationTest::open);
            String handler = function.string("Handler");
            String[] classAndMethod = handler.split("::", 2);
            Class<?> type = load(artifact, classAndMethod[0]);
            if (type == null) {
                problems.add(id + ": handler class " + classAndMethod[0] + " is not in " + jar.getFileName());
                continue;
            }
            String method = classAndMethod.length > 1 ? classAndMethod[1] : "handleRequest";
            if (Stream.of(type.getMethods()).noneMatch(m -> m.getName().equals(method))) {
                problems.add(id + ": " + classAndMethod[0] + " has no method " + method);
            }
            String definition = environment(function).get("SPRING_CLOUD_FUNCTION_DEFINITION");
            if (definition == null) continue;
            Set<String> beans = functionBeans(artifact, jar);
            for (String name : definition.split("[|,;]")) {
                if (!beans.contains(name.trim())) {
                    problems.add(id + ": spring.cloud.function.definition '" + name.trim() + "' is not registered by "
                        + jar.getFileName() + "'s Start-Class (it has " + new TreeSet<>(beans) + ")");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Functions behind the HTTP API whose endpoint the RateLimits parameter switches off: they never touch the buckets. */
    static final Set<String> NOT_RATE_LIMITED = Set.of("StripeWebhookFunction");

    @Test
    void everyHttpFunctionMayWriteItsRateLimitBuckets() {
        // devstack does not enforce IAM: a role missing here passes every local test and fails every request on AWS
        Set<String> roles = new TreeSet<>();
        for (FunctionEvent event : FunctionEvent.ofType(TEMPLATE, "HttpApi")) {
            if (!NOT_RATE_LIMITED.contains(event.function().logicalId())) roles.add(event.function().logicalId() + "Role");
        }
        Resource policy = TEMPLATE.ofType("AWS::IAM::ManagedPolicy").stream()
            .filter(r -> r.logicalId().equals("RateLimitWritePolicy")).findFirst().orElseThrow();
        Set<String> missing = new TreeSet<>(roles);
        missing.removeAll(referenced(policy.property("Roles"), roles));
        assertTrue(missing.isEmpty(), "HTTP functions whose role may not write RateLimitTable (add to RateLimitWritePolicy.Roles): " + missing);
    }

    @Test
    void everyFunctionThatRecordsHopsMayWriteTheHopTable() {
        // core's HTTP endpoint, every event consumer and the relay record trace hops; IAM is only enforced on AWS
        Set<String> roles = new TreeSet<>();
        for (String type : List.of("HttpApi", "SQS", "DynamoDB")) {
            FunctionEvent.ofType(TEMPLATE, type).forEach(e -> roles.add(e.function().logicalId() + "Role"));
        }
        Resource policy = TEMPLATE.ofType("AWS::IAM::ManagedPolicy").stream()
            .filter(r -> r.logicalId().equals("HopWritePolicy")).findFirst().orElseThrow();
        Set<String> missing = new TreeSet<>(roles);
        missing.removeAll(referenced(policy.property("Roles"), roles));
        assertTrue(missing.isEmpty(), "functions whose role may not write HopTable (add to HopWritePolicy.Roles): " + missing);
    }

    /**
     * API Gateway invokes a Lambda authorizer by the ARN it is given: the unqualified ARN is $LATEST, which SnapStart
     * never applies to, so a burst of cold authorizers times out and the gateway answers 500. Every authorizer (HTTP and
     * WebSocket) and its invoke permission must name the published alias of a SnapStart function.
     */
    @Test
    void everyLambdaAuthorizerInvokesThePublishedAliasOfASnapStartFunction() {
        List<String> problems = new ArrayList<>();
        Set<String> authorizerFunctions = new TreeSet<>();
        for (Resource api : TEMPLATE.ofType("AWS::Serverless::HttpApi")) {
            if (!(api.map("Auth").get("Authorizers") instanceof Map<?, ?> authorizers)) continue;
            authorizers.forEach((name, a) -> {
                if (!(a instanceof Map<?, ?> authorizer) || !authorizer.containsKey("FunctionArn")) return;
                String function = aliasOf(authorizer.get("FunctionArn"));
                if (function == null) problems.add(api.logicalId() + "." + name + ".FunctionArn is not !Ref <Function>.Alias: " + authorizer.get("FunctionArn"));
                else authorizerFunctions.add(function);
                if (!"true".equals(String.valueOf(authorizer.get("EnableFunctionDefaultPermissions")))) {
                    problems.add(api.logicalId() + "." + name + ": no EnableFunctionDefaultPermissions (SAM's invoke permission on the alias)");
                }
            });
        }
        for (Resource authorizer : TEMPLATE.ofType("AWS::ApiGatewayV2::Authorizer")) {
            if (!(authorizer.property("AuthorizerUri") instanceof Map<?, ?> uri && uri.get("Fn::Sub") instanceof List<?> sub && sub.size() == 2
                && String.valueOf(sub.get(0)).endsWith("/functions/${AuthorizerAlias}/invocations")
                && sub.get(1) instanceof Map<?, ?> vars && aliasOf(vars.get("AuthorizerAlias")) instanceof String function)) {
                problems.add(authorizer.logicalId() + ".AuthorizerUri does not invoke a published alias: " + authorizer.property("AuthorizerUri"));
                continue;
            }
            authorizerFunctions.add(function);
            boolean permitted = TEMPLATE.ofType("AWS::Lambda::Permission").stream().anyMatch(p -> function.equals(aliasOf(p.property("FunctionName")))
                && String.valueOf(p.property("SourceArn")).contains(authorizer.logicalId()));
            if (!permitted) problems.add(authorizer.logicalId() + ": no AWS::Lambda::Permission on " + function + ".Alias for this authorizer");
        }
        for (String function : authorizerFunctions) {
            Resource f = TEMPLATE.resource(function);
            if (f.property("AutoPublishAlias") == null) problems.add(function + " has no AutoPublishAlias");
            if (!(f.property("SnapStart") instanceof Map<?, ?> snap && "PublishedVersions".equals(snap.get("ApplyOn")))) problems.add(function + " has no SnapStart");
        }
        // the old form must not come back anywhere: an unqualified authorizer ARN in any permission
        TEMPLATE.ofType("AWS::Lambda::Permission").stream()
            .filter(p -> p.property("FunctionName") instanceof Map<?, ?> ref && authorizerFunctions.contains(String.valueOf(ref.get("Ref"))))
            .forEach(p -> problems.add(p.logicalId() + " grants $LATEST of an authorizer, not its alias"));
        assertTrue(authorizerFunctions.size() >= 1 && problems.isEmpty(), "authorizers " + authorizerFunctions + ": " + problems);
    }

    /** Pagination cursors are signed with a generated secret unless a key is given; never with anything derivable. */
    @Test
    void theCursorSigningKeyIsAGeneratedSecretResolvedAtDeployTime() {
        Resource secret = TEMPLATE.resource("CursorSigningSecret");
        assertTrue(secret.type().equals("AWS::SecretsManager::Secret"), secret.type());
        Map<String, Object> generate = secret.map("GenerateSecretString");
        assertTrue(generate.get("PasswordLength") instanceof Integer n && n >= 32, "at least 32 characters: " + generate);
        List<String> problems = new ArrayList<>();
        for (Resource function : TEMPLATE.ofType("AWS::Serverless::Function")) {
            Object key = function.map("Environment").get("Variables") instanceof Map<?, ?> vars ? vars.get("CURSOR_SIGNING_KEY") : null;
            boolean generated = key instanceof Map<?, ?> k && k.get("Fn::If") instanceof List<?> branches && branches.size() == 3
                && "GenerateCursorSigningKey".equals(branches.get(0))
                && branches.get(1) instanceof Map<?, ?> sub && String.valueOf(sub.get("Fn::Sub")).equals("{{resolve:secretsmanager:${CursorSigningSecret}:SecretString}}")
                && branches.get(2) instanceof Map<?, ?> ref && "CursorSigningKey".equals(ref.get("Ref"));
            if (!generated) problems.add(function.logicalId() + ": CURSOR_SIGNING_KEY=" + key);
        }
        assertTrue(problems.isEmpty(), "functions without the generated cursor signing key: " + problems);
    }

    /** The function X of {@code !Ref X.Alias}, else null. */
    private static String aliasOf(Object value) {
        return value instanceof Map<?, ?> ref && ref.get("Ref") instanceof String r && r.endsWith(".Alias") ? r.substring(0, r.length() - ".Alias".length()) : null;
    }

    @Test
    void everyWorkQueueHasADeadLetterQueueAndEveryQueueAnAlarm() {
        Set<String> queues = ids("AWS::SQS::Queue");
        Map<String, String> deadLetterOf = new LinkedHashMap<>();
        Set<String> deadLetterQueues = new LinkedHashSet<>();
        for (Resource queue : TEMPLATE.ofType("AWS::SQS::Queue")) {
            if (queue.property("RedrivePolicy") instanceof Map<?, ?> redrive) {
                referenced(redrive.get("deadLetterTargetArn"), queues).forEach(dlq -> {
                    deadLetterOf.put(queue.logicalId(), dlq);
                    deadLetterQueues.add(dlq);
                });
            }
        }
        // rule targets' DeadLetterConfig and stream mappings' OnFailure destinations are dead-letter queues too
        for (Resource rule : TEMPLATE.ofType("AWS::Events::Rule")) deadLetterQueues.addAll(referencedUnder(rule.properties(), "DeadLetterConfig", queues));
        for (FunctionEvent event : FunctionEvent.all(TEMPLATE)) deadLetterQueues.addAll(referencedUnder(event.properties(), "DestinationConfig", queues));
        for (Resource function : TEMPLATE.ofType("AWS::Serverless::Function")) {
            deadLetterQueues.addAll(referencedUnder(function.properties(), "DeadLetterQueue", queues));
            deadLetterQueues.addAll(referencedUnder(function.properties(), "EventInvokeConfig", queues));
        }

        List<String> problems = new ArrayList<>();
        Set<String> alarmed = new LinkedHashSet<>();
        for (Resource alarm : TEMPLATE.ofType("AWS::CloudWatch::Alarm")) alarmed.addAll(referenced(alarm.properties(), queues));
        Set<String> withoutAlarm = new TreeSet<>();
        for (String queue : queues) {
            if (!deadLetterQueues.contains(queue) && !deadLetterOf.containsKey(queue)) {
                problems.add(queue + ": a work queue without a RedrivePolicy to a dead-letter queue");
            }
            boolean covered = alarmed.contains(queue) || deadLetterOf.containsKey(queue) && alarmed.contains(deadLetterOf.get(queue));
            if (!covered) withoutAlarm.add(queue);
        }
        problems.addAll(againstKnownExceptions("queues without a CloudWatch alarm (on the queue or its dead-letter queue)",
            withoutAlarm, QUEUES_WITHOUT_ALARM, "QUEUES_WITHOUT_ALARM"));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyAlarmNotifiesAnSnsTopic() {
        // an alarm without AlarmActions only changes colour in the console: nobody hears of it
        Set<String> topics = ids("AWS::SNS::Topic");
        Set<String> silent = new TreeSet<>();
        for (Resource alarm : TEMPLATE.ofType("AWS::CloudWatch::Alarm")) {
            if (referenced(alarm.property("AlarmActions"), topics).isEmpty()) silent.add(alarm.logicalId());
        }
        assertTrue(!TEMPLATE.ofType("AWS::CloudWatch::Alarm").isEmpty(), "the template declares alarms");
        assertTrue(silent.isEmpty(), "alarms without AlarmActions naming an SNS topic (add AlarmActions: [!Ref OpsAlarmTopic]): " + silent);
    }

    @Test
    void everyEventTypeARuleFiltersOnIsInTheSchemaCatalogue() throws IOException {
        Set<String> filtered = new TreeSet<>();
        for (Resource rule : TEMPLATE.ofType("AWS::Events::Rule")) filtered.addAll(detailTypes(rule.property("EventPattern")));
        for (FunctionEvent event : FunctionEvent.ofType(TEMPLATE, "EventBridgeRule", "CloudWatchEvent")) {
            filtered.addAll(detailTypes(event.property("Pattern")));
        }
        Set<String> missing = new TreeSet<>();
        Path catalogue = ROOT.resolve("events/schemas");
        for (String type : filtered) {
            Path dir = catalogue.resolve(type);
            boolean versioned = false;
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    versioned = files.anyMatch(f -> f.getFileName().toString().matches("v[0-9]+\\.json"));
                }
            }
            if (!versioned) missing.add(type);
        }
        List<String> problems = againstKnownExceptions("event types rules filter on without events/schemas/<type>/v<N>.json",
            missing, EVENTS_WITHOUT_SCHEMA, "EVENTS_WITHOUT_SCHEMA");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyIamStatementNamesItsActionsAndResources() {
        List<String> problems = new ArrayList<>();
        for (Resource function : TEMPLATE.ofType("AWS::Serverless::Function")) {
            for (Object policy : function.list("Policies")) {
                String where = function.logicalId() + ".Policies";
                if (policy instanceof String managed) {
                    problems.add(where + ": managed policy " + managed + " (grant named actions on named resources instead)");
                } else if (policy instanceof Map<?, ?> map && map.containsKey("Statement")) {
                    statements(map.get("Statement")).forEach(s -> checkStatement(where, s, problems));
                }
                // any other entry is a SAM policy template: each is scoped to the resource named in its parameters
            }
        }
        for (Resource resource : TEMPLATE.resources().values()) {
            String field = POLICY_DOCUMENTS.get(resource.type());
            if (field != null) {
                Object document = resource.property(field);
                Object statements = document instanceof Map<?, ?> d && d.containsKey("Statement") ? d.get("Statement") : document;
                statements(statements).forEach(s -> checkStatement(resource.logicalId(), s, problems));
            }
            if (resource.type().equals("AWS::IAM::Role")) {
                for (Object policy : resource.list("Policies")) {
                    if (policy instanceof Map<?, ?> p && p.get("PolicyDocument") instanceof Map<?, ?> d) {
                        statements(d.get("Statement")).forEach(s -> checkStatement(resource.logicalId() + ".Policies", s, problems));
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void checkStatement(String where, Map<?, ?> statement, List<String> problems) {
        if (statement.containsKey("NotAction") || statement.containsKey("NotResource")) {
            problems.add(where + ": NotAction/NotResource grants everything else " + statement);
            return;
        }
        List<String> actions = strings(statement.get("Action"));
        if (actions.isEmpty()) problems.add(where + ": a statement without Action " + statement);
        for (String action : actions) {
            if (action.contains("*")) problems.add(where + ": wildcard action '" + action + "'");
        }
        if (!statement.containsKey("Resource")) {
            problems.add(where + ": a statement without Resource " + statement);
        } else if (strings(statement.get("Resource")).contains("*") && !ACTIONS_WITHOUT_RESOURCES.containsAll(actions)) {
            problems.add(where + ": Resource '*' for " + actions + " (name the resources)");
        }
    }

    /** Known exceptions only shrink: a listed entry that is fixed must leave the list. */
    private static List<String> againstKnownExceptions(String what, Set<String> found, Set<String> known, String listName) {
        List<String> problems = new ArrayList<>();
        Set<String> fresh = new TreeSet<>(found);
        fresh.removeAll(known);
        if (!fresh.isEmpty()) problems.add(what + ": " + fresh);
        Set<String> fixed = new TreeSet<>(known);
        fixed.removeAll(found);
        if (!fixed.isEmpty()) problems.add("fixed now, remove from " + listName + ": " + fixed);
        return problems;
    }

    private static Set<String> functionBeans(ClassLoader artifact, Path jar) throws Exception {
        String startClass;
        try (JarFile file = new JarFile(jar.toFile())) {
            startClass = file.getManifest().getMainAttributes().getValue("Start-Class");
        }
        if (startClass == null) throw new AssertionError(jar + " has no Start-Class in its manifest");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(artifact);
        try {
            // functional registration only records bean definitions: nothing is created, no AWS client is built
            Object context = artifact.loadClass("org.springframework.context.support.GenericApplicationContext").getConstructor().newInstance();
            Object app = artifact.loadClass(startClass).getConstructor().newInstance();
            Method initialize = Stream.of(app.getClass().getMethods())
                .filter(m -> m.getName().equals("initialize") && m.getParameterCount() == 1 && m.getParameterTypes()[0].isInstance(context))
                .findFirst().orElseThrow(() -> new AssertionError(startClass + " is not an ApplicationContextInitializer"));
            initialize.invoke(app, context);
            String[] names = (String[]) context.getClass().getMethod("getBeanDefinitionNames").invoke(context);
            return Set.of(names);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static URLClassLoader open(Path jar) {
        try {
            return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Map<String, String> environment(Resource function) {
        Map<String, String> env = new LinkedHashMap<>();
        if (function.property("Environment") instanceof Map<?, ?> e && e.get("Variables") instanceof Map<?, ?> vars) {
            vars.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        }
        return env;
    }

    private static Set<String> ids(String type) {
        Set<String> ids = new TreeSet<>();
        TEMPLATE.ofType(type).forEach(r -> ids.add(r.logicalId()));
        return ids;
    }

    /** Logical ids among {@code candidates} that a template value refers to (Ref, GetAtt, or ${Id...} in a Sub). */
    static Set<String> referenced(Object node, Set<String> candidates) {
        Set<String> found = new LinkedHashSet<>();
        collectReferences(node, candidates, found);
        return found;
    }

    private static void collectReferences(Object node, Set<String> candidates, Set<String> found) {
        switch (node) {
            case Map<?, ?> map -> map.forEach((key, value) -> {
                if ("Ref".equals(key) && candidates.contains(String.valueOf(value))) found.add(String.valueOf(value));
                else if ("Fn::GetAtt".equals(key)) {
                    String target = value instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.getFirst()) : String.valueOf(value).split("\\.")[0];
                    if (candidates.contains(target)) found.add(target);
                } else if ("Fn::Sub".equals(key)) {
                    String text = value instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.getFirst()) : String.valueOf(value);
                    for (String id : candidates) if (text.contains("${" + id + "}") || text.contains("${" + id + ".")) found.add(id);
                    if (value instanceof List<?> l && l.size() > 1) collectReferences(l.get(1), candidates, found);
                } else {
                    collectReferences(value, candidates, found);
                }
            });
            case Collection<?> list -> list.forEach(item -> collectReferences(item, candidates, found));
            case null, default -> { }
        }
    }

    /** References found under every key named {@code key}, at any depth. */
    private static Set<String> referencedUnder(Object node, String key, Set<String> candidates) {
        Set<String> found = new LinkedHashSet<>();
        switch (node) {
            case Map<?, ?> map -> map.forEach((k, v) -> found.addAll(key.equals(k) ? referenced(v, candidates) : referencedUnder(v, key, candidates)));
            case Collection<?> list -> list.forEach(item -> found.addAll(referencedUnder(item, key, candidates)));
            case null, default -> { }
        }
        return found;
    }

    /** The literal detail-type values of an event pattern (prefix/anything-but matchers name no single type). */
    private static Set<String> detailTypes(Object pattern) {
        Set<String> types = new TreeSet<>();
        if (pattern instanceof Map<?, ?> p && p.get("detail-type") instanceof List<?> values) {
            values.stream().filter(String.class::isInstance).map(String.class::cast).forEach(types::add);
        }
        return types;
    }

    private static List<Map<?, ?>> statements(Object statements) {
        if (statements instanceof Map<?, ?> single) return List.of(single);
        if (statements instanceof List<?> list) return list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(s -> (Map<?, ?>) s).toList();
        return List.of();
    }

    private static List<String> strings(Object value) {
        if (value == null) return List.of();
        if (value instanceof List<?> list) return list.stream().map(TemplateValidationTest::literal).toList();
        return List.of(literal(value));
    }

    /** A literal as written; an intrinsic (e.g. !Sub arn:...) is a named resource, never the "*" wildcard. */
    private static String literal(Object value) {
        return value instanceof String s ? s : "<" + value.getClass().getSimpleName() + ">";
    }
}
