// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds REST APIs from AWS::Serverless::Api resources and functions' Api events (no RestApiId: SAM's implicit
 * ServerlessRestApi with stage Prod). Cognito user-pool authorizers are supported; Lambda/IAM authorizers, API keys and
 * models are rejected loudly.
 */
final class RestApiLoader {
    static final String IMPLICIT_API = "ServerlessRestApi";
    private static final Set<String> API_SUPPORTED = Set.of("StageName", "Cors", "BinaryMediaTypes", "Variables", "Auth", "DefinitionBody");
    private static final Set<String> API_IGNORED = Set.of("Description", "Tags", "Name", "EndpointConfiguration", "TracingEnabled",
        "MethodSettings", "AccessLogSetting", "OpenApiVersion", "CacheClusterEnabled", "CacheClusterSize", "MinimumCompressionSize",
        "PropagateTags", "DisableExecuteApiEndpoint", "FailOnWarnings", "AlwaysDeploy");
    private static final Set<String> EVENT_SUPPORTED = Set.of("Path", "Method", "RestApiId", "Auth");
    private static final Set<String> EVENT_IGNORED = Set.of("TimeoutInMillis");

    private final Template template;
    private final Intrinsics intrinsics;

    private final java.util.function.Supplier<Map<String, String>> serviceEndpoints;

    RestApiLoader(Template template, Intrinsics intrinsics) {
        this(template, intrinsics, Map::of);
    }

    RestApiLoader(Template template, Intrinsics intrinsics, java.util.function.Supplier<Map<String, String>> serviceEndpoints) {
        this.serviceEndpoints = serviceEndpoints;
        this.template = template;
        this.intrinsics = intrinsics;
    }

    List<RestApi> load() {
        Map<String, RestApi> apis = new LinkedHashMap<>();
        for (Resource r : template.ofType("AWS::Serverless::Api")) apis.put(r.logicalId(), api(r));
        for (Resource fn : template.ofType("AWS::Serverless::Function")) {
            TemplateReads.map(fn.property("Events"), fn.logicalId() + ".Events").forEach((eventName, raw) -> {
                Map<String, Object> event = TemplateReads.map(raw, fn.logicalId() + ".Events." + eventName);
                if (!"Api".equals(event.get("Type"))) return;
                String where = fn.logicalId() + ".Events." + eventName + ".Properties";
                Map<String, Object> props = TemplateReads.map(event.get("Properties"), where);
                TemplateReads.requireKnown(props, EVENT_SUPPORTED, EVENT_IGNORED, where);
                String apiId = props.containsKey("RestApiId") ? TemplateReads.referencedLogicalId(props.get("RestApiId"), intrinsics) : IMPLICIT_API;
                RestApi api = apis.computeIfAbsent(apiId, id -> {
                    if (!id.equals(IMPLICIT_API)) throw new TemplateException(where + ".RestApiId: '" + id + "' is not an AWS::Serverless::Api of this template");
                    return new RestApi(IMPLICIT_API, Ids.apiId(IMPLICIT_API), "Prod", null, List.of(), Map.of(), new RouteTable<>());
                });
                @SuppressWarnings("unchecked")
                Map<String, Object> resolved = (Map<String, Object>) intrinsics.resolve(props);
                Map<String, Object> auth = TemplateReads.map(resolved.get("Auth"), where + ".Auth");
                TemplateReads.requireKnown(auth, Set.of("Authorizer", "AuthorizationScopes"), Set.of(), where + ".Auth");
                String method = String.valueOf(resolved.get("Method")).toUpperCase(java.util.Locale.ROOT);
                if (!auth.isEmpty()) {
                    String authorizer = auth.get("Authorizer") == null ? null : String.valueOf(auth.get("Authorizer"));
                    if (authorizer != null && !authorizer.equals("NONE") && !api.auth().authorizers.containsKey(authorizer)) {
                        throw new TemplateException(where + ".Auth.Authorizer: '" + authorizer + "' is not in " + apiId + ".Auth.Authorizers");
                    }
                    api.auth().route(method, String.valueOf(resolved.get("Path")),
                        new RestAuth.RouteAuth(authorizer, TemplateReads.strings(auth.get("AuthorizationScopes"))));
                }
                Resource declared = template.resources().get(apiId);
                if (declared != null && declared.property("DefinitionBody") != null && api.routes().has(method, String.valueOf(resolved.get("Path")))) {
                    return; // SAM merges such an event into the OpenAPI definition, which already routes it
                }
                try {
                    api.routes().add(method, String.valueOf(resolved.get("Path")), fn.logicalId(), where);
                } catch (IllegalArgumentException e) {
                    throw new TemplateException(e.getMessage());
                }
            });
        }
        return List.copyOf(apis.values());
    }

    private RestApi api(Resource r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) intrinsics.resolve(r.properties());
        String where = r.logicalId() + " (AWS::Serverless::Api)";
        TemplateReads.requireKnown(props, API_SUPPORTED, API_IGNORED, where);
        Object stage = props.get("StageName");
        if (stage == null) throw new TemplateException(where + ": StageName is required");
        RestApi api = new RestApi(r.logicalId(), Ids.apiId(r.logicalId()), String.valueOf(stage), restCors(props.get("Cors"), where),
            TemplateReads.strings(props.get("BinaryMediaTypes")), TemplateReads.stringMap(props.get("Variables"), where + ".Variables"),
            new RouteTable<>());
        auth(api.auth(), TemplateReads.map(props.get("Auth"), r.logicalId() + ".Auth"), r.logicalId() + ".Auth");
        if (props.get("DefinitionBody") != null) openApiRoutes(api, TemplateReads.map(props.get("DefinitionBody"), where + ".DefinitionBody"), r.logicalId());
        return api;
    }

    /**
     * Routes of a REST API's OpenAPI definition: Lambda proxy integrations ({@code aws_proxy}) and SQS service
     * integrations ({@code aws} with an {@code …:sqs:path/{account}/{queue}} uri and request templates).
     */
    private void openApiRoutes(RestApi api, Map<String, Object> openApi, String apiId) {
        FunctionRefs functions = new FunctionRefs(template, intrinsics);
        TemplateReads.map(openApi.get("paths"), apiId + ".DefinitionBody.paths").forEach((path, rawOperations) ->
            TemplateReads.map(rawOperations, apiId + " paths." + path).forEach((method, rawOperation) -> {
                if (!Set.of("get", "put", "post", "delete", "patch", "head", "options", "x-amazon-apigateway-any-method").contains(method)) return;
                String where = apiId + ".DefinitionBody paths." + path + "." + method;
                String m = method.equals("x-amazon-apigateway-any-method") ? "ANY" : method.toUpperCase(java.util.Locale.ROOT);
                Map<String, Object> integration = TemplateReads.map(TemplateReads.map(rawOperation, where).get("x-amazon-apigateway-integration"),
                    where + ".x-amazon-apigateway-integration");
                String type = String.valueOf(integration.get("type")).toLowerCase(java.util.Locale.ROOT);
                try {
                    if (type.equals("aws_proxy")) {
                        api.routes().add(m, path, functions.logicalId(String.valueOf(integration.get("uri")), where + ".uri"), where);
                    } else if (type.equals("aws") && RestAwsIntegration.handles(integration.get("uri"))) {
                        api.services().add(m, path, RestAwsIntegration.of(integration, serviceEndpoints, where + ".x-amazon-apigateway-integration"), where);
                    } else {
                        throw new TemplateException(where + ".x-amazon-apigateway-integration: devstack runs Lambda proxy (aws_proxy), SQS "
                            + "(aws, uri …:sqs:path/{account}/{queue}) and EventBridge (aws, uri …:events:action/PutEvents) integrations of REST APIs, got type " + integration.get("type")
                            + " uri " + integration.get("uri") + "; put a function in front or run that route against AWS");
                    }
                } catch (IllegalArgumentException e) {
                    throw new TemplateException(e.getMessage());
                }
            }));
    }

    /**
     * {@code Auth}: Cognito user-pool authorizers ({@code UserPoolArn} of the template's pools, {@code Identity.Header},
     * {@code ValidationExpression}) and {@code DefaultAuthorizer}; Lambda (TOKEN/REQUEST) and IAM authorizers, API keys
     * and resource policies are refused naming the property.
     */
    private void auth(RestAuth restAuth, Map<String, Object> auth, String where) {
        TemplateReads.requireKnown(auth, Set.of("Authorizers", "DefaultAuthorizer"), Set.of("AddDefaultAuthorizerToCorsPreflight",
            "AddApiKeyRequiredToCorsPreflight"), where);
        LocalUserPools pools = new LocalUserPools(template, intrinsics, serviceEndpoints);
        TemplateReads.map(auth.get("Authorizers"), where + ".Authorizers").forEach((name, raw) -> {
            String at = where + ".Authorizers." + name;
            Map<String, Object> a = TemplateReads.map(raw, at);
            if (!a.containsKey("UserPoolArn")) {
                throw new TemplateException(at + ": devstack runs Cognito user-pool authorizers (UserPoolArn) on REST APIs; Lambda "
                    + "(FunctionArn) and IAM authorizers on REST APIs are not emulated yet: use an HTTP API or open the route locally");
            }
            TemplateReads.requireKnown(a, Set.of("UserPoolArn", "Identity", "AuthorizationScopes"), Set.of(), at);
            Map<String, Object> identity = TemplateReads.map(a.get("Identity"), at + ".Identity");
            TemplateReads.requireKnown(identity, Set.of("Header", "ValidationExpression"), Set.of("ReauthorizeEvery"), at + ".Identity");
            Object arns = a.get("UserPoolArn");
            List<java.util.function.Supplier<String>> issuers = (arns instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(arns))).stream().map(arn -> pools.localIssuer(pools.poolOfArn(arn, at + ".UserPoolArn"))).toList();
            restAuth.authorizers.put(name, new CognitoAuthorizer(name, String.valueOf(identity.getOrDefault("Header", "Authorization")),
                identity.get("ValidationExpression") == null ? null : String.valueOf(identity.get("ValidationExpression")), issuers,
                TemplateReads.strings(a.get("AuthorizationScopes"))));
        });
        if (auth.get("DefaultAuthorizer") != null) {
            String name = String.valueOf(auth.get("DefaultAuthorizer"));
            if (!name.equals("NONE") && !restAuth.authorizers.containsKey(name)) {
                throw new TemplateException(where + ".DefaultAuthorizer: '" + name + "' is not in " + where + ".Authorizers");
            }
            restAuth.defaultAuthorizer = name;
        }
    }

    /** SAM REST Cors values are quoted header values ("'*'"); a plain string means AllowOrigin. */
    private static Cors restCors(Object cors, String where) {
        if (cors == null) return null;
        if (cors instanceof String origin) return new Cors(List.of(unquote(origin)), List.of(), List.of("*"), List.of(), null, false);
        Map<String, Object> m = TemplateReads.map(cors, where + ".Cors");
        TemplateReads.requireKnown(m, Set.of("AllowOrigin", "AllowHeaders", "AllowMethods", "MaxAge", "AllowCredentials"), Set.of(), where + ".Cors");
        return new Cors(List.of(unquote(String.valueOf(m.getOrDefault("AllowOrigin", "'*'")))),
            m.containsKey("AllowHeaders") ? List.of(unquote(String.valueOf(m.get("AllowHeaders")))) : List.of(),
            m.containsKey("AllowMethods") ? List.of(unquote(String.valueOf(m.get("AllowMethods")))) : List.of("*"),
            List.of(), m.containsKey("MaxAge") ? Integer.valueOf(unquote(String.valueOf(m.get("MaxAge")))) : null,
            Boolean.parseBoolean(String.valueOf(m.get("AllowCredentials"))));
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1) : s;
    }
}
