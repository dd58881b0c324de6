// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds HTTP APIs from AWS::Serverless::HttpApi resources and the HttpApi events of functions (an event without
 * ApiId goes to SAM's implicit ServerlessHttpApi, stage $default). Unknown properties fail loudly.
 */
final class HttpApiLoader {
    static final String IMPLICIT_API = "ServerlessHttpApi";
    private static final Set<String> API_SUPPORTED = Set.of("StageName", "CorsConfiguration", "Auth", "StageVariables",
        "DefinitionBody", "DefinitionUri");
    private static final Set<String> OPENAPI_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
        "x-amazon-apigateway-any-method");
    private static final Set<String> API_IGNORED = Set.of("Description", "Tags", "Name", "AccessLogSettings", "FailOnWarnings",
        "PropagateTags", "DisableExecuteApiEndpoint", "DefaultRouteSettings", "RouteSettings");
    private static final Set<String> AUTH_KEYS = Set.of("Authorizers", "DefaultAuthorizer", "EnableIamAuthorizer");
    private static final Set<String> EVENT_SUPPORTED = Set.of("ApiId", "Method", "Path", "Auth", "PayloadFormatVersion", "TimeoutInMillis");
    private static final Set<String> EVENT_IGNORED = Set.of("RouteSettings");

    private final Template template;
    private final Intrinsics intrinsics;
    private final FunctionRefs functions;

    private final java.util.function.Supplier<Map<String, String>> serviceEndpoints;

    HttpApiLoader(Template template, Intrinsics intrinsics, FunctionRefs functions) {
        this(template, intrinsics, functions, Map::of);
    }

    /** {@code serviceEndpoints}: AWS_ENDPOINT_URL_* of devstack's services, for AWS service integrations. */
    HttpApiLoader(Template template, Intrinsics intrinsics, FunctionRefs functions, java.util.function.Supplier<Map<String, String>> serviceEndpoints) {
        this.serviceEndpoints = serviceEndpoints;
        this.template = template;
        this.intrinsics = intrinsics;
        this.functions = functions;
    }

    List<HttpApi> load() {
        Map<String, Builder> apis = new LinkedHashMap<>();
        for (Resource r : template.ofType("AWS::Serverless::HttpApi")) apis.put(r.logicalId(), api(r));
        for (Resource fn : template.ofType("AWS::Serverless::Function")) {
            Map<String, Object> events = TemplateReads.map(fn.property("Events"), fn.logicalId() + ".Events");
            events.forEach((eventName, raw) -> {
                Map<String, Object> event = TemplateReads.map(raw, fn.logicalId() + ".Events." + eventName);
                if (!"HttpApi".equals(event.get("Type"))) return;
                String where = fn.logicalId() + ".Events." + eventName + ".Properties";
                Map<String, Object> props = TemplateReads.map(event.get("Properties"), where);
                TemplateReads.requireKnown(props, EVENT_SUPPORTED, EVENT_IGNORED, where);
                String apiId = props.containsKey("ApiId") ? TemplateReads.referencedLogicalId(props.get("ApiId"), intrinsics) : IMPLICIT_API;
                Builder api = apis.get(apiId);
                if (api == null && apiId.equals(IMPLICIT_API)) {
                    api = new Builder(IMPLICIT_API, "$default", null, Map.of());
                    apis.put(IMPLICIT_API, api);
                }
                if (api == null) throw new TemplateException(where + ".ApiId: '" + apiId + "' is not an AWS::Serverless::HttpApi of this template");
                if (api.openApi && props.get("Path") != null && api.routes.has(
                        props.get("Method") == null ? "ANY" : String.valueOf(intrinsics.resolve(props.get("Method"))), String.valueOf(intrinsics.resolve(props.get("Path"))))) {
                    return; // SAM merges such an event into the OpenAPI definition, which already routes it
                }
                api.addRoute(fn.logicalId(), props, where);
            });
        }
        return apis.values().stream().map(Builder::build).toList();
    }

    private Builder api(Resource r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) intrinsics.resolve(r.properties());
        String where = r.logicalId() + " (AWS::Serverless::HttpApi)";
        TemplateReads.requireKnown(props, API_SUPPORTED, API_IGNORED, where);
        String stage = props.containsKey("StageName") ? String.valueOf(props.get("StageName")) : "$default";
        Builder b = new Builder(r.logicalId(), stage, Cors.from(props.get("CorsConfiguration"), r.logicalId()),
            TemplateReads.stringMap(props.get("StageVariables"), r.logicalId() + ".StageVariables"));
        Map<String, Object> auth = TemplateReads.map(props.get("Auth"), r.logicalId() + ".Auth");
        TemplateReads.requireKnown(auth, AUTH_KEYS, Set.of(), r.logicalId() + ".Auth");
        if (Boolean.parseBoolean(String.valueOf(auth.get("EnableIamAuthorizer")))) {
            throw new TemplateException("devstack does not support IAM authorization (" + r.logicalId() + ".Auth.EnableIamAuthorizer)");
        }
        b.defaultAuthorizer = auth.get("DefaultAuthorizer") == null ? null : String.valueOf(auth.get("DefaultAuthorizer"));
        TemplateReads.map(auth.get("Authorizers"), r.logicalId() + ".Auth.Authorizers").forEach((name, raw) ->
            b.addAuthorizer(name, TemplateReads.map(raw, r.logicalId() + ".Auth.Authorizers." + name), r.logicalId() + ".Auth.Authorizers." + name));
        if (b.defaultAuthorizer != null && !b.defaultAuthorizer.equals("NONE") && !b.hasAuthorizer(b.defaultAuthorizer)) {
            throw new TemplateException(r.logicalId() + ".Auth.DefaultAuthorizer: no authorizer named '" + b.defaultAuthorizer + "'");
        }
        Object definition = props.get("DefinitionBody");
        if (definition == null && props.get("DefinitionUri") != null) definition = definitionFile(props.get("DefinitionUri"), r.logicalId());
        if (definition != null) {
            b.openApi = true;
            openApiRoutes(b, TemplateReads.map(definition, r.logicalId() + ".DefinitionBody"), r.logicalId());
        }
        return b;
    }

    /** DefinitionUri as a local file (relative to the template, as sam reads it); S3 locations cannot be read locally. */
    private Object definitionFile(Object uri, String apiId) {
        if (!(uri instanceof String path) || path.startsWith("s3://")) {
            throw new TemplateException(apiId + ".DefinitionUri: devstack reads a local OpenAPI file (path relative to the template), got " + uri);
        }
        java.nio.file.Path file = template.file().toAbsolutePath().getParent().resolve(path).normalize();
        if (!java.nio.file.Files.isRegularFile(file)) throw new TemplateException(apiId + ".DefinitionUri: file not found: " + file);
        return intrinsics.resolve(dev.backplane.devstack.template.CfnYaml.load(file));
    }

    /**
     * Routes of an OpenAPI definition: each operation's {@code x-amazon-apigateway-integration} of type
     * {@code aws_proxy} (Lambda proxy) becomes a route to the function its {@code uri} names. Other integrations
     * stop devstack naming the path, method and integration.
     */
    private void openApiRoutes(Builder b, Map<String, Object> openApi, String apiId) {
        Map<String, Object> paths = TemplateReads.map(openApi.get("paths"), apiId + ".DefinitionBody.paths");
        paths.forEach((path, rawOperations) -> TemplateReads.map(rawOperations, apiId + " paths." + path).forEach((method, rawOperation) -> {
            if (!OPENAPI_METHODS.contains(method)) return; // parameters, summary, …
            String where = apiId + ".DefinitionBody paths." + path + "." + method;
            Map<String, Object> operation = TemplateReads.map(rawOperation, where);
            if (operation.get("security") instanceof List<?> security && !security.isEmpty()) {
                throw new TemplateException(where + ".security: devstack applies authorizers from the API's Auth property only; "
                    + "move it to Auth.DefaultAuthorizer or a function event's Auth");
            }
            Map<String, Object> integration = TemplateReads.map(operation.get("x-amazon-apigateway-integration"), where + ".x-amazon-apigateway-integration");
            String type = String.valueOf(integration.get("type")).toLowerCase(java.util.Locale.ROOT);
            if (!type.equals("aws_proxy")) {
                throw new TemplateException(where + ".x-amazon-apigateway-integration: devstack runs Lambda proxy and AWS service integrations "
                    + "(type aws_proxy) of HTTP APIs, got type " + integration.get("type") + "; put a function in front or run that route against AWS");
            }
            Map<String, Object> route = new LinkedHashMap<>();
            if (integration.containsKey("integrationSubtype")) {
                route.put("Method", method);
                route.put("Path", path);
                b.addRoute(null, route, where, ServiceIntegration.of(integration.get("integrationSubtype"), integration.get("requestParameters"),
                    serviceEndpoints, where + ".x-amazon-apigateway-integration"));
                return;
            }
            route.put("Method", method);
            route.put("Path", path);
            if (integration.get("payloadFormatVersion") != null) route.put("PayloadFormatVersion", String.valueOf(integration.get("payloadFormatVersion")));
            if (integration.get("timeoutInMillis") != null) route.put("TimeoutInMillis", integration.get("timeoutInMillis"));
            b.addRoute(functions.logicalId(String.valueOf(integration.get("uri")), where + ".x-amazon-apigateway-integration.uri"), route, where);
        }));
    }

    private final class Builder {
        final String logicalId;
        final String stage;
        final Cors cors;
        final Map<String, String> stageVariables;
        final RouteTable<HttpRoute> routes = new RouteTable<>();
        final Map<String, JwtAuthorizer> jwt = new LinkedHashMap<>();
        final Map<String, LambdaAuthorizerV2> lambda = new LinkedHashMap<>();
        String defaultAuthorizer;
        boolean openApi;

        Builder(String logicalId, String stage, Cors cors, Map<String, String> stageVariables) {
            this.logicalId = logicalId;
            this.stage = stage;
            this.cors = cors;
            this.stageVariables = stageVariables;
        }

        boolean hasAuthorizer(String name) { return jwt.containsKey(name) || lambda.containsKey(name); }

        void addAuthorizer(String name, Map<String, Object> a, String where) {
            if (a.containsKey("JwtConfiguration")) {
                TemplateReads.requireKnown(a, Set.of("JwtConfiguration", "IdentitySource"), Set.of(), where);
                Map<String, Object> jc = TemplateReads.map(a.get("JwtConfiguration"), where + ".JwtConfiguration");
                TemplateReads.requireKnown(jc, Set.of("issuer", "audience", "Issuer", "Audience"), Set.of(), where + ".JwtConfiguration");
                Object issuer = jc.containsKey("issuer") ? jc.get("issuer") : jc.get("Issuer");
                Object audience = jc.containsKey("audience") ? jc.get("audience") : jc.get("Audience");
                if (issuer == null) throw new TemplateException(where + ".JwtConfiguration.issuer is required");
                String source = a.get("IdentitySource") == null ? "$request.header.Authorization" : String.valueOf(a.get("IdentitySource"));
                IdentitySources.validate(source, where + ".IdentitySource");
                jwt.put(name, new JwtAuthorizer(name, new LocalUserPools(template, intrinsics, serviceEndpoints).issuer(String.valueOf(issuer)),
                    TemplateReads.strings(audience), source));
            } else if (a.containsKey("FunctionArn")) {
                TemplateReads.requireKnown(a, Set.of("FunctionArn", "AuthorizerPayloadFormatVersion", "EnableSimpleResponses", "Identity",
                    "AuthorizerResultTtlInSeconds", "IdentitySource"), Set.of("FunctionInvokeRole", "EnableFunctionDefaultPermissions"), where);
                String version = String.valueOf(a.get("AuthorizerPayloadFormatVersion"));
                if (!version.equals("2.0") && !version.equals("2")) {
                    throw new TemplateException("devstack supports only AuthorizerPayloadFormatVersion 2.0 (" + where + ", got " + version + ")");
                }
                Map<String, Object> identity = TemplateReads.map(a.get("Identity"), where + ".Identity");
                TemplateReads.requireKnown(identity, Set.of("Headers", "QueryStrings", "ReauthorizeEvery"), Set.of(), where + ".Identity");
                List<String> sources = new java.util.ArrayList<>();
                TemplateReads.strings(identity.get("Headers")).forEach(h -> sources.add("$request.header." + h));
                TemplateReads.strings(identity.get("QueryStrings")).forEach(q -> sources.add("$request.querystring." + q));
                sources.addAll(TemplateReads.strings(a.get("IdentitySource")));
                sources.forEach(s -> IdentitySources.validate(s, where));
                int ttl = TemplateReads.integer(identity.containsKey("ReauthorizeEvery") ? identity.get("ReauthorizeEvery")
                    : a.get("AuthorizerResultTtlInSeconds"), 0, where + ".Identity.ReauthorizeEvery");
                if (ttl > 0 && sources.isEmpty()) throw new TemplateException(where + ": caching (ReauthorizeEvery > 0) needs an identity source");
                String fn = functions.logicalId(String.valueOf(a.get("FunctionArn")), where + ".FunctionArn");
                lambda.put(name, new LambdaAuthorizerV2(name, fn, sources, ttl,
                    Boolean.parseBoolean(String.valueOf(a.get("EnableSimpleResponses")))));
            } else {
                throw new TemplateException("devstack does not support authorizer " + where + ": needs JwtConfiguration or FunctionArn");
            }
        }

        void addRoute(String function, Map<String, Object> rawProps, String where) { addRoute(function, rawProps, where, null); }

        /** A route to {@code function}, or (function null) to an AWS service integration. */
        void addRoute(String function, Map<String, Object> rawProps, String where, ServiceIntegration service) {
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) intrinsics.resolve(rawProps);
            Map<String, Object> auth = TemplateReads.map(props.get("Auth"), where + ".Auth");
            TemplateReads.requireKnown(auth, Set.of("Authorizer", "AuthorizationScopes"), Set.of(), where + ".Auth");
            String authorizer = auth.get("Authorizer") == null ? defaultAuthorizer : String.valueOf(auth.get("Authorizer"));
            if ("NONE".equals(authorizer)) authorizer = null;
            if (authorizer != null && !hasAuthorizer(authorizer)) {
                throw new TemplateException(where + ".Auth.Authorizer: no authorizer named '" + authorizer + "' on " + logicalId);
            }
            String version = props.get("PayloadFormatVersion") == null ? "2.0" : String.valueOf(props.get("PayloadFormatVersion"));
            if (!version.equals("2.0") && !version.equals("1.0")) throw new TemplateException(where + ".PayloadFormatVersion must be 1.0 or 2.0");
            Duration timeout = Duration.ofMillis(TemplateReads.integer(props.get("TimeoutInMillis"), 30_000, where + ".TimeoutInMillis"));
            Object method = props.get("Method");
            Object path = props.get("Path");
            List<String> scopes = TemplateReads.strings(auth.get("AuthorizationScopes"));
            if (method == null && path == null) {
                routes.setDefault(new HttpRoute("$default", function, authorizer, scopes, version, timeout, service));
                return;
            }
            String m = method == null ? "ANY" : String.valueOf(method).toUpperCase(java.util.Locale.ROOT);
            if (m.equals("X-AMAZON-APIGATEWAY-ANY-METHOD")) m = "ANY";
            String p = path == null ? "/" : String.valueOf(path);
            try {
                routes.add(m, p, new HttpRoute(m + " " + p, function, authorizer, scopes, version, timeout, service), where);
            } catch (IllegalArgumentException e) {
                throw new TemplateException(e.getMessage());
            }
        }

        HttpApi build() {
            return new HttpApi(logicalId, Ids.apiId(logicalId), stage, cors, stageVariables, routes, jwt, lambda);
        }
    }
}
