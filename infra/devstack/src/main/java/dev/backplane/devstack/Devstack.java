package dev.backplane.devstack;

import dev.backplane.devstack.apigw.ApiGatewayEmulator;
import dev.backplane.devstack.cognito.LocalCognito;
import dev.backplane.devstack.cognito.UserPoolDefinitions;
import dev.backplane.devstack.dynamodb.DynamoDbLocal;
import dev.backplane.devstack.dynamodb.TableFactory;
import dev.backplane.devstack.events.EventBridgeEndpoint;
import dev.backplane.devstack.ops.DiagnosticsApi;
import dev.backplane.devstack.ops.FaultSwitch;
import dev.backplane.devstack.events.EventRouter;
import dev.backplane.devstack.events.EventRules;
import dev.backplane.devstack.events.TargetDelivery;
import dev.backplane.devstack.lambda.FunctionConfig;
import dev.backplane.devstack.lambda.FunctionDefinitions;
import dev.backplane.devstack.lambda.LambdaInvokeApi;
import dev.backplane.devstack.lambda.LambdaRuntime;
import dev.backplane.devstack.hybrid.HybridOptions;
import dev.backplane.devstack.hybrid.RemoteFunctionNames;
import dev.backplane.devstack.hybrid.RemoteLambda;
import dev.backplane.devstack.template.AbsentProperties;
import dev.backplane.devstack.lambda.ServiceEndpoints;
import dev.backplane.devstack.lambda.SourceBuild;
import dev.backplane.devstack.logs.LogSink;
import dev.backplane.devstack.oidc.LocalOidcProvider;
import dev.backplane.devstack.schedule.Schedule;
import dev.backplane.devstack.schedule.Scheduler;
import dev.backplane.devstack.schedule.Schedules;
import dev.backplane.devstack.sqs.ElasticMq;
import dev.backplane.devstack.sqs.QueueFactory;
import dev.backplane.devstack.sqs.SqsEventSources;
import dev.backplane.devstack.streams.StreamEventSources;
import dev.backplane.devstack.mail.MailCatcher;
import dev.backplane.devstack.stripe.StripeSimulator;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.web.SpaConfig;
import dev.backplane.devstack.web.StaticSite;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root: reads the template, validates everything first (so unsupported features fail before any
 * server starts), then starts DynamoDB Local and ElasticMQ in parallel, creates tables and queues, and wires the
 * Lambda runtime, EventBridge, schedules, event source mappings and the API Gateway emulation. Closing stops
 * everything in reverse order, child JVMs included.
 */
public final class Devstack implements AutoCloseable {
    /** By convention, a template parameter of this name is the OIDC issuer of access tokens (see template.yaml). */
    public static final String OIDC_ISSUER_PARAMETER = "OidcIssuerUrl";
    /** A template parameter naming the SPA's origin (for CORS); devstack sets it to the SPA it serves. */
    public static final String SPA_ORIGIN_PARAMETER = "SpaOrigin";
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private Template template;
    private Intrinsics intrinsics;
    private LambdaRuntime lambda;
    private Scheduler scheduler;
    private EventRouter router;
    private Map<String, String> queueUrls;
    private final FaultSwitch faults = new FaultSwitch();
    private ApiGatewayEmulator apiGateway;
    private DiagnosticsApi diagnostics;
    private long startupMillis;
    /** Stop order: stop accepting (gateway, EventBridge, schedules) → drain pollers → async hand-back and functions → stores. */
    private List<AutoCloseable> stopFirst = List.of();

    private Devstack() {}

    public static Devstack start(DevstackOptions options) {
        Devstack devstack = new Devstack();
        try {
            devstack.boot(options);
            return devstack;
        } catch (RuntimeException e) {
            devstack.close();
            throw e;
        }
    }

    /**
     * Hybrid mode ({@link HybridOptions}): only the API layer (HTTP/REST/WebSocket APIs, @connections, authorizers),
     * the OIDC provider, the Stripe simulator and the SPA run here; every function is invoked through the remote
     * Lambda API. No function JVM, DynamoDB Local, ElasticMQ, EventBridge or poller starts: those live remotely.
     */
    public static Devstack startHybrid(DevstackOptions options, HybridOptions hybrid) {
        Devstack devstack = new Devstack();
        try {
            devstack.bootHybrid(options, hybrid);
            return devstack;
        } catch (RuntimeException e) {
            devstack.close();
            throw e;
        }
    }

    private void bootHybrid(DevstackOptions o, HybridOptions h) {
        long started = System.nanoTime();
        LogSink log = o.log();
        template = Template.load(o.template());
        boolean fixed = o.port() != 0;
        int oidcPort = fixed ? o.port() + 4 : DynamoDbLocal.freePort();
        int spaPort = fixed ? o.port() + 5 : 0;
        String remote = h.lambdaEndpoint().toString();
        spaPort = applyParameters(o, oidcPort, spaPort, remote, log);
        TemplateSupport.check(template);
        Map<String, FunctionConfig> functions = FunctionDefinitions.load(template, intrinsics);

        RemoteLambda functionsThere = new RemoteLambda(h.lambdaEndpoint(), o.region());
        closeables.push(functionsThere);
        Map<String, String> declared = new LinkedHashMap<>();
        functions.forEach((id, f) -> declared.put(id, f.functionName()));
        String stack = h.stack() != null ? h.stack() : intrinsics.stackName();
        RemoteFunctionNames.Mapping mapping = RemoteFunctionNames.map(declared, stack, functionsThere.deployedFunctions(), h.functionNames());
        functionsThere.names(mapping.names());
        log.system("hybrid mode: " + mapping.names().size() + " functions invoked at " + remote
            + (mapping.missing().isEmpty() ? "" : "; not deployed there (calls to them fail): " + mapping.missing()));

        // AWS service integrations of the APIs (SQS, EventBridge) go where the queues and buses are
        ServiceEndpoints endpoints = new ServiceEndpoints().dynamoDb(remote).sqs(remote).eventBridge(remote);
        apiGateway = ApiGatewayEmulator.start(template, intrinsics, functionsThere, fixed ? o.port() : 0, endpoints::asEnvironment);
        closeables.push(apiGateway);
        LocalOidcProvider oidc = o.oidc() ? LocalOidcProvider.start(oidcPort) : null;
        if (oidc != null) closeables.push(oidc);
        StaticSite spa = StaticSite.startIfPresent(o.spaDir(), spaPort, Map.of("/config.json",
            SpaConfig.json(apiGateway, oidc, intrinsics).getBytes(StandardCharsets.UTF_8)));
        if (spa != null) closeables.push(spa);
        stopFirst = List.of(apiGateway);
        urls.put("HTTP API", apiGateway.httpApiUrl());
        if (apiGateway.webSocketUrl() != null) {
            urls.put("WebSocket API", apiGateway.webSocketUrl());
            urls.put("@connections", apiGateway.managementEndpoint());
        }
        if (oidc != null) urls.put("OIDC issuer", oidc.issuer());
        if (spa != null) urls.put("SPA", spa.url());
        urls.put("Lambda (remote)", remote);
        startupMillis = (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * Parameters devstack sets (SPA origin, OIDC issuer, Stripe simulator) unless --param chose them, then the
     * template as CloudFormation would deploy it: Conditions and AWS::NoValue applied. Returns the SPA port.
     */
    private int applyParameters(DevstackOptions o, int oidcPort, int spaPort, String sqsUrl, LogSink log) {
        boolean fixed = o.port() != 0;
        Map<String, Object> parameters = new LinkedHashMap<>(o.parameterOverrides());
        if (o.spaDir() != null && template.parameters().containsKey(SPA_ORIGIN_PARAMETER)) {
            // CORS allows the SPA devstack serves (the template's origin parameter), unless the developer chose another
            if (spaPort == 0) spaPort = DynamoDbLocal.freePort();
            parameters.putIfAbsent(SPA_ORIGIN_PARAMETER, "http://localhost:" + spaPort);
        }
        if (o.oidc() && template.parameters().containsKey(OIDC_ISSUER_PARAMETER)) {
            // the template's issuer parameter points at the local provider unless the developer chose another (--param)
            parameters.putIfAbsent(OIDC_ISSUER_PARAMETER, "http://localhost:" + oidcPort + "/" + LocalOidcProvider.ISSUER_ID);
        }
        // Stripe simulator (dev.backplane.devstack.stripe, docs/billing.md) for templates declaring StripeApiBase
        StripeSimulator.attach(template.parameters().keySet(), parameters, fixed ? o.port() + 6 : 0, () -> apiGateway.httpApiUrl(), log).ifPresent(closeables::push);
        // conditional resources that CloudFormation would not create are left out before anything reads the template
        template = template.withConditionsApplied(new Intrinsics(template, parameters, o.region(), o.accountId(), sqsUrl));
        template = AbsentProperties.removed(template, new Intrinsics(template, parameters, o.region(), o.accountId(), sqsUrl));
        intrinsics = new Intrinsics(template, parameters, o.region(), o.accountId(), sqsUrl);
        return spaPort;
    }

    private void boot(DevstackOptions o) {
        long started = System.nanoTime();
        LogSink log = o.log();
        StartupPhases phases = new StartupPhases();
        template = Template.load(o.template());
        boolean fixed = o.port() != 0;
        int apiPort = fixed ? o.port() : 0;
        int dynamoPort = fixed ? o.port() + 1 : DynamoDbLocal.freePort();
        int sqsPort = fixed ? o.port() + 2 : DynamoDbLocal.freePort();
        int eventsPort = fixed ? o.port() + 3 : DynamoDbLocal.freePort();
        int oidcPort = fixed ? o.port() + 4 : DynamoDbLocal.freePort();
        int spaPort = fixed ? o.port() + 5 : 0;
        int cognitoPort = fixed ? o.port() + 8 : 0;
        String sqsUrl = "http://localhost:" + sqsPort;
        spaPort = applyParameters(o, oidcPort, spaPort, sqsUrl, log);
        TemplateSupport.check(template);

        // validate every definition before starting anything
        Map<String, FunctionConfig> functions = FunctionDefinitions.load(template, intrinsics);
        TableFactory.validate(template);
        QueueFactory.validate(template);
        SqsEventSources.validate(template, intrinsics);
        StreamEventSources.validate(template, intrinsics);
        EventRules.rules(template, intrinsics, Map.of());
        Schedules.from(template, intrinsics, Map.of());
        UserPoolDefinitions.validate(template, intrinsics);
        SourceBuild.buildAll(functions.values(), log); // like sam build: source-folder CodeUris, cached by timestamps
        functions.values().stream().filter(f -> !f.codeUri().toFile().exists()).forEach(f ->
            log.system("WARNING: " + f.logicalId() + " has no code at " + f.codeUri() + " yet: invoking it will fail until it is built"));

        phases.mark("template+validation");
        Path persist = o.persistDir();
        ServiceEndpoints endpoints = new ServiceEndpoints().dynamoDb("http://localhost:" + dynamoPort).sqs(sqsUrl)
            .eventBridge("http://localhost:" + eventsPort)
            .unsupportedServices("http://localhost:" + eventsPort + EventBridgeEndpoint.ADMIN_PREFIX + "unsupported");
        // mail catcher (dev.backplane.devstack.mail): SES v2 SendEmail kept locally, web view + API
        MailCatcher mail = MailCatcher.start(fixed ? o.port() + 7 : 0);
        closeables.push(mail);
        endpoints.sesV2(mail.url());
        // Cognito user pools of the template (dev.backplane.devstack.cognito): cognito-idp API, issuers and JWKS
        LocalCognito cognito = LocalCognito.startIfDeclared(template, intrinsics, cognitoPort, log,
            (to, subject, text) -> mail.keep("no-reply@verificationemail.com", to, subject, text), persist == null ? null : persist.resolve("cognito"));
        if (cognito != null) {
            closeables.push(cognito);
            endpoints.cognitoIdentityProvider(cognito.url());
        }
        lambda = new LambdaRuntime(functions, o.region(), endpoints, log, LambdaRuntime.DEFAULT_INIT_TIMEOUT, o.limits());
        closeables.push(lambda);
        // the three slow starts overlap: DynamoDB Local + tables, ElasticMQ + queues, API Gateway (Jetty, OIDC)
        CompletableFuture<DynamoDbLocal> dynamoStart = CompletableFuture.supplyAsync(() -> {
            DynamoDbLocal local = DynamoDbLocal.start(dynamoPort, persist == null ? null : mkdirs(persist.resolve("dynamodb")));
            try (DynamoDbClient client = LocalClients.dynamoDb(local.endpoint(), o.region())) {
                TableFactory.createAll(client, template);
            } catch (RuntimeException e) {
                local.close();
                throw e;
            }
            return local;
        });
        CompletableFuture<QueueService> sqsStart = CompletableFuture.supplyAsync(() -> {
            ElasticMq mq = ElasticMq.start(sqsPort, o.region(), o.accountId(), persist == null ? null : mkdirs(persist.resolve("sqs")));
            SqsClient client = LocalClients.sqs(mq.endpoint(), o.region());
            try {
                return new QueueService(mq, client, QueueFactory.createAll(client, template, intrinsics));
            } catch (RuntimeException e) {
                client.close();
                mq.close();
                throw e;
            }
        });
        CompletableFuture<ApiGatewayEmulator> apiStart = CompletableFuture.supplyAsync(() ->
            // API Gateway emulation (dev.backplane.devstack.apigw): HTTP/REST/WebSocket APIs and @connections
            ApiGatewayEmulator.start(template, intrinsics, lambda, apiPort, endpoints::asEnvironment));
        CompletableFuture<LocalOidcProvider> oidcStart = o.oidc()
            ? CompletableFuture.supplyAsync(() -> LocalOidcProvider.start(oidcPort)) : CompletableFuture.completedFuture(null);
        awaitAll(List.of(dynamoStart, sqsStart, apiStart, oidcStart));
        DynamoDbLocal dynamoLocal = dynamoStart.join();
        closeables.push(dynamoLocal);
        phases.mark("DynamoDB Local+tables");
        QueueService queues = sqsStart.join();
        ElasticMq elasticMq = queues.server();
        closeables.push(elasticMq);
        phases.mark("ElasticMQ+queues (parallel)");
        apiGateway = apiStart.join();
        closeables.push(apiGateway);
        endpoints.webSocketManagement(apiGateway.managementEndpoint());
        phases.mark("API Gateway (parallel)");
        Map<String, String> extraUrls = new LinkedHashMap<>();
        LocalOidcProvider oidc = oidcStart.join();
        if (oidc != null) {
            closeables.push(oidc);
            extraUrls.put("OIDC issuer", oidc.issuer());
        }
        StaticSite spa = StaticSite.startIfPresent(o.spaDir(), spaPort, Map.of("/config.json",
            SpaConfig.json(apiGateway, oidc, intrinsics).getBytes(StandardCharsets.UTF_8)));
        if (spa != null) {
            closeables.push(spa);
            extraUrls.put("SPA", spa.url());
        }
        if (persist != null) log.system("--persist: DynamoDB data in " + persist.resolve("dynamodb") + ", SQS queues and messages in " + persist.resolve("sqs"));

        DynamoDbClient dynamo = LocalClients.dynamoDb(dynamoLocal.endpoint(), o.region());
        closeables.push(dynamo);
        DynamoDbStreamsClient streams = LocalClients.dynamoDbStreams(dynamoLocal.endpoint(), o.region());
        closeables.push(streams);
        SqsClient sqs = queues.client();
        closeables.push(sqs);
        queueUrls = queues.queueUrls();
        lambda.onAsyncDeadLetter(failed -> sqs.sendMessage(b -> b.queueUrl(queueUrls.get(failed.function().asyncDeadLetterQueue()))
            .messageBody(new String(failed.event(), StandardCharsets.UTF_8))
            .messageAttributes(AsyncDeadLetters.attributes(failed))));

        TargetDelivery delivery = new TargetDelivery(sqs, lambda, log);
        router = new EventRouter(EventRules.buses(template, intrinsics), EventRules.rules(template, intrinsics, queueUrls),
            delivery, o.region(), o.accountId());
        List<Schedule> schedules = Schedules.from(template, intrinsics, queueUrls);
        scheduler = new Scheduler(schedules, delivery, log, o.region(), o.accountId());
        closeables.push(scheduler);
        EventBridgeEndpoint events = EventBridgeEndpoint.start(eventsPort, router, new AdminApi(lambda, scheduler, () -> startupMillis));
        closeables.push(events);
        diagnostics = new DiagnosticsApi(faults, lambda, sqs, () -> queueUrls);
        events.diagnostics(faults, diagnostics, "faults", "stats");
        events.mount(LambdaInvokeApi.PREFIX, new LambdaInvokeApi(lambda)); // SDK Lambda clients, hybrid devstacks
        AsyncHandBack handBack = new AsyncHandBack(persist, log);
        lambda.onUnfinishedAsync(handBack::keep);

        List<AutoCloseable> mappings = new java.util.ArrayList<>();
        closeables.push(() -> closeInParallel(mappings)); // each lets its in-flight batch finish: overlap the waits
        mappings.addAll(SqsEventSources.start(template, intrinsics, queueUrls, sqs, lambda, log));
        mappings.addAll(StreamEventSources.start(template, intrinsics, queueUrls, dynamo, streams, sqs, lambda, log,
            persist == null ? null : persist.resolve("stream-checkpoints")));
        handBack.resubmit(lambda); // async events a previous stop handed back (--persist)
        stopFirst = List.of(apiGateway, events, scheduler, closeables.peek(), lambda);
        if (o.scheduleClocks()) scheduler.startClocks();
        // the first request behind an authorizer must not wait for (or time out on) the authorizer's cold start
        lambda.prestart(authorizerFunctions(template, intrinsics));
        phases.mark("lambda+events+mappings");

        urls.put("HTTP API", apiGateway.httpApiUrl());
        if (apiGateway.webSocketUrl() != null) urls.put("WebSocket API", apiGateway.webSocketUrl());
        if (apiGateway.webSocketUrl() != null) urls.put("@connections", apiGateway.managementEndpoint());
        urls.putAll(extraUrls);
        if (cognito != null) urls.put("Cognito", cognito.url());
        urls.put("Mail", mail.url());
        urls.put("DynamoDB", dynamoLocal.endpoint().toString());
        urls.put("SQS", elasticMq.endpoint().toString());
        urls.put("EventBridge", events.endpoint().toString());
        urls.put("Admin", events.endpoint() + EventBridgeEndpoint.ADMIN_PREFIX);
        urls.put("Lambda", events.endpoint().toString());
        startupMillis = (System.nanoTime() - started) / 1_000_000;
        log.system("startup phases: " + phases);
    }

    /** ElasticMQ with the template's queues created, and the client devstack keeps using for them. */
    private record QueueService(ElasticMq server, SqsClient client, Map<String, String> queueUrls) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            server.close();
        }
    }

    /** Functions named by FunctionArn in an API's Auth.Authorizers (Lambda authorizers). */
    private static List<String> authorizerFunctions(Template template, Intrinsics intrinsics) {
        List<String> ids = new java.util.ArrayList<>();
        for (var api : template.resources().values()) {
            if (!api.type().equals("AWS::Serverless::HttpApi") && !api.type().equals("AWS::Serverless::Api")) continue;
            if (!(api.map("Auth").get("Authorizers") instanceof Map<?, ?> authorizers)) continue;
            for (Object a : authorizers.values()) {
                if (a instanceof Map<?, ?> authorizer && authorizer.get("FunctionArn") instanceof Map<?, ?> arn
                    && arn.get("Fn::GetAtt") instanceof List<?> getAtt && template.resources().containsKey(String.valueOf(getAtt.getFirst()))) {
                    ids.add(String.valueOf(getAtt.getFirst()));
                } else if (a instanceof Map<?, ?> authorizer && authorizer.get("FunctionArn") instanceof Map<?, ?> arn
                    && arn.get("Ref") instanceof String ref && template.resources().containsKey(ref.replaceFirst("\\.(Alias|Version)$", ""))) {
                    ids.add(ref.replaceFirst("\\.(Alias|Version)$", ""));  // SAM's !Ref Function.Alias (the published alias)
                }
            }
        }
        return ids;
    }

    /** Where startup time goes (the 10 s budget on 2 cores is tight; this shows what to optimise). */
    private static final class StartupPhases {
        private final StringBuilder text = new StringBuilder();
        private long last = System.nanoTime();

        void mark(String phase) {
            long now = System.nanoTime();
            if (!text.isEmpty()) text.append(", ");
            text.append(phase).append(' ').append((now - last) / 1_000_000).append(" ms");
            last = now;
        }

        @Override
        public String toString() { return text.toString(); }
    }

    /** Waits for parallel starts; if one fails, the ones that came up are closed before the error propagates. */
    private static void awaitAll(List<CompletableFuture<? extends AutoCloseable>> starts) {
        // (a start that is not wanted completes with null)
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            for (CompletableFuture<? extends AutoCloseable> start : starts) {
                if (start.state() == java.util.concurrent.Future.State.SUCCESS && start.resultNow() != null) {
                    try {
                        start.resultNow().close();
                    } catch (Exception ignored) {
                        // already failing: the original error matters
                    }
                }
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static void closeInParallel(List<AutoCloseable> all) {
        all.parallelStream().forEach(c -> {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("devstack: error while stopping: " + e);
            }
        });
    }

    private static Path mkdirs(Path dir) {
        dir.toFile().mkdirs();
        return dir;
    }

    public Template template() { return template; }

    public Intrinsics intrinsics() { return intrinsics; }

    /** The local Lambda runtime; null in hybrid mode (functions run remotely). */
    public LambdaRuntime lambda() { return lambda; }

    public boolean hybrid() { return lambda == null; }

    /** What {@code GET /_devstack/stats} answers; null in hybrid mode (the functions and queues are elsewhere). */
    public com.fasterxml.jackson.databind.JsonNode stats() { return diagnostics == null ? null : diagnostics.stats(); }

    public Scheduler scheduler() { return scheduler; }

    public EventRouter eventRouter() { return router; }

    public ApiGatewayEmulator apiGateway() { return apiGateway; }

    /** Queue URL by logical id. */
    /** Injected failures for resilience tests (also {@code POST /_devstack/faults}). */
    public FaultSwitch faults() { return faults; }

    public String queueUrl(String queueLogicalId) { return queueUrls.get(queueLogicalId); }

    /** Service name → URL (HTTP API, WebSocket API, DynamoDB, SQS, EventBridge, Admin). */
    public Map<String, String> urls() { return urls; }

    public URI endpoint(String service) { return URI.create(urls.get(service)); }

    /** Template read → every endpoint listening, in ms (functions start lazily, on first use). */
    public long startupMillis() { return startupMillis; }

    @Override
    public void close() {
        for (AutoCloseable c : stopFirst) {
            closeables.remove(c);
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("devstack: error while stopping: " + e);
            }
        }
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                System.err.println("devstack: error while stopping: " + e);
            }
        }
    }
}
