// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads WebSocket APIs (ProtocolType WEBSOCKET) and their routes, proxy integrations, authorizers and stage. */
final class WebSocketApiLoader {
    private static final String API = "AWS::ApiGatewayV2::Api";
    private static final Set<String> API_SUPPORTED = Set.of("Name", "ProtocolType", "RouteSelectionExpression");
    private static final Set<String> API_IGNORED = Set.of("Description", "Tags", "ApiKeySelectionExpression", "DisableSchemaValidation",
        "DisableExecuteApiEndpoint", "IpAddressType");
    private static final Set<String> ROUTE_SUPPORTED = Set.of("ApiId", "RouteKey", "Target", "AuthorizationType", "AuthorizerId",
        "RouteResponseSelectionExpression");
    private static final Set<String> ROUTE_IGNORED = Set.of("OperationName", "ModelSelectionExpression", "RequestModels", "RequestParameters");
    private static final Set<String> INTEGRATION_SUPPORTED = Set.of("ApiId", "IntegrationType", "IntegrationUri",
        "RequestTemplates", "TemplateSelectionExpression", "RequestParameters");
    private static final Set<String> INTEGRATION_IGNORED = Set.of("Description", "CredentialsArn", "TimeoutInMillis",
        "PassthroughBehavior", "ContentHandlingStrategy", "IntegrationMethod", "PayloadFormatVersion");
    private static final Set<String> AUTHORIZER_SUPPORTED = Set.of("ApiId", "AuthorizerType", "AuthorizerUri", "IdentitySource", "Name");
    private static final Set<String> AUTHORIZER_IGNORED = Set.of("AuthorizerCredentialsArn");
    private static final Set<String> STAGE_SUPPORTED = Set.of("ApiId", "StageName", "StageVariables");
    private static final Set<String> STAGE_IGNORED = Set.of("AutoDeploy", "DeploymentId", "Description", "DefaultRouteSettings",
        "RouteSettings", "AccessLogSettings", "Tags");

    private final Template template;
    private final Intrinsics intrinsics;
    private final FunctionRefs functions;

    private final java.util.function.Supplier<Map<String, String>> serviceEndpoints;

    WebSocketApiLoader(Template template, Intrinsics intrinsics, FunctionRefs functions) {
        this(template, intrinsics, functions, Map::of);
    }

    WebSocketApiLoader(Template template, Intrinsics intrinsics, FunctionRefs functions, java.util.function.Supplier<Map<String, String>> serviceEndpoints) {
        this.serviceEndpoints = serviceEndpoints;
        this.template = template;
        this.intrinsics = intrinsics;
        this.functions = functions;
    }

    List<WebSocketApi> load() {
        List<WebSocketApi> apis = new ArrayList<>();
        for (Resource api : template.ofType(API)) {
            Map<String, Object> props = resolved(api);
            TemplateReads.requireKnown(props, API_SUPPORTED, API_IGNORED, where(api));
            if (!"WEBSOCKET".equals(props.get("ProtocolType"))) {
                throw new TemplateException("devstack supports AWS::ApiGatewayV2::Api only with ProtocolType WEBSOCKET (" + where(api)
                    + "); declare HTTP APIs as AWS::Serverless::HttpApi");
            }
            apis.add(load(api, props));
        }
        return apis;
    }

    private WebSocketApi load(Resource api, Map<String, Object> props) {
        String selection = String.valueOf(props.getOrDefault("RouteSelectionExpression", "$request.body.action"));
        if (!selection.startsWith("$request.body.")) {
            throw new TemplateException("devstack supports RouteSelectionExpression $request.body.<field> only (" + where(api) + ")");
        }
        String stage = null;
        Map<String, String> stageVariables = Map.of();
        for (Resource s : children(api, "AWS::ApiGatewayV2::Stage")) {
            Map<String, Object> sp = resolved(s);
            TemplateReads.requireKnown(sp, STAGE_SUPPORTED, STAGE_IGNORED, where(s));
            if (stage != null) throw new TemplateException("devstack serves one stage per WebSocket API (" + where(s) + ")");
            stage = String.valueOf(sp.get("StageName"));
            stageVariables = TemplateReads.stringMap(sp.get("StageVariables"), where(s) + ".StageVariables");
        }
        for (Resource d : children(api, "AWS::ApiGatewayV2::Deployment")) {
            Object name = resolved(d).get("StageName");
            if (stage == null && name != null) stage = String.valueOf(name);
        }
        if (stage == null) throw new TemplateException(where(api) + " needs an AWS::ApiGatewayV2::Stage");
        Map<String, WebSocketApi.Route> routes = new LinkedHashMap<>();
        for (Resource r : children(api, "AWS::ApiGatewayV2::Route")) {
            Map<String, Object> rp = resolved(r);
            TemplateReads.requireKnown(rp, ROUTE_SUPPORTED, ROUTE_IGNORED, where(r));
            String key = String.valueOf(rp.get("RouteKey"));
            String authType = String.valueOf(rp.getOrDefault("AuthorizationType", "NONE"));
            WebSocketApi.Authorizer authorizer = null;
            if (authType.equals("CUSTOM")) {
                if (!key.equals("$connect")) throw new TemplateException(where(r) + ": authorizers apply to $connect only");
                authorizer = authorizer(TemplateReads.referencedLogicalId(r.property("AuthorizerId"), intrinsics), where(r));
            } else if (!authType.equals("NONE")) {
                throw new TemplateException("devstack does not support AuthorizationType " + authType + " (" + where(r) + ")");
            }
            Object target = rp.get("Target") == null ? null : integration(String.valueOf(rp.get("Target")), where(r));
            boolean twoWay = "$default".equals(rp.get("RouteResponseSelectionExpression"));
            WebSocketApi.Route route = target instanceof SqsRouteIntegration sqs ? new WebSocketApi.Route(key, null, authorizer, twoWay, sqs)
                : new WebSocketApi.Route(key, (String) target, authorizer, twoWay);
            if (routes.put(key, route) != null) {
                throw new TemplateException(where(r) + ": duplicate route key " + key);
            }
        }
        return new WebSocketApi(api.logicalId(), Ids.apiId(api.logicalId()), stage, selection, routes, stageVariables);
    }

    private WebSocketApi.Authorizer authorizer(String logicalId, String where) {
        Resource a = template.resources().get(logicalId);
        if (a == null || !a.type().equals("AWS::ApiGatewayV2::Authorizer")) {
            throw new TemplateException(where + ".AuthorizerId: '" + logicalId + "' is not an AWS::ApiGatewayV2::Authorizer");
        }
        Map<String, Object> p = resolved(a);
        TemplateReads.requireKnown(p, AUTHORIZER_SUPPORTED, AUTHORIZER_IGNORED, where(a));
        if (!"REQUEST".equals(p.get("AuthorizerType"))) throw new TemplateException("devstack supports REQUEST authorizers only (" + where(a) + ")");
        List<String> sources = TemplateReads.strings(p.get("IdentitySource"));
        sources.forEach(s -> IdentitySources.validate(s, where(a)));
        return new WebSocketApi.Authorizer(logicalId, functions.logicalId(String.valueOf(p.get("AuthorizerUri")), where(a) + ".AuthorizerUri"), sources);
    }

    /** The function of an AWS_PROXY integration, or the SQS integration of an AWS one. */
    private Object integration(String target, String where) {
        if (!target.startsWith("integrations/")) throw new TemplateException(where + ".Target must be integrations/{IntegrationId}, got " + target);
        String id = target.substring("integrations/".length());
        Resource i = template.resources().get(id);
        if (i == null || !i.type().equals("AWS::ApiGatewayV2::Integration")) {
            throw new TemplateException(where + ".Target: '" + id + "' is not an AWS::ApiGatewayV2::Integration");
        }
        Map<String, Object> p = resolved(i);
        TemplateReads.requireKnown(p, INTEGRATION_SUPPORTED, INTEGRATION_IGNORED, where(i));
        if ("AWS".equals(p.get("IntegrationType")) && SqsRouteIntegration.isSqs(p.get("IntegrationUri"))) {
            return SqsRouteIntegration.of(p.get("IntegrationUri"), p.get("RequestTemplates"), p.get("TemplateSelectionExpression"), serviceEndpoints, where(i));
        }
        if (!"AWS_PROXY".equals(p.get("IntegrationType"))) {
            throw new TemplateException("devstack supports IntegrationType AWS_PROXY, and AWS with an SQS IntegrationUri, only (" + where(i) + ")");
        }
        return functions.logicalId(String.valueOf(p.get("IntegrationUri")), where(i) + ".IntegrationUri");
    }

    private List<Resource> children(Resource api, String type) {
        return template.ofType(type).stream()
            .filter(r -> api.logicalId().equals(TemplateReads.referencedLogicalId(r.property("ApiId"), intrinsics))).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolved(Resource r) {
        return (Map<String, Object>) intrinsics.resolve(r.properties());
    }

    private static String where(Resource r) { return r.logicalId() + " (" + r.type() + ")"; }
}
