package dev.backplane.devstack;

import dev.backplane.devstack.template.FunctionEvent;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The resource and event types devstack runs, accepts without local effect, or leaves to the API Gateway emulation.
 * Anything else stops devstack with one error listing every unsupported resource, so nothing is silently ignored.
 */
public final class TemplateSupport {
    /** Emulated by the runtime (lambda, sqs, streams, events, schedule packages). */
    static final Set<String> RUNTIME_TYPES = Set.of("AWS::Serverless::Function", "AWS::DynamoDB::Table", "AWS::SQS::Queue",
        "AWS::Events::EventBus", "AWS::Events::Rule",
        // loaded as the DynamoDB table / function event SAM generates for them (template.SamShorthands)
        "AWS::Serverless::SimpleTable", "AWS::Lambda::EventSourceMapping");
    /** No local behaviour to emulate: permissions, monitoring, log retention, published versions. */
    static final Set<String> HARMLESS_TYPES = Set.of("AWS::SQS::QueuePolicy", "AWS::Lambda::Permission", "AWS::Logs::LogGroup",
        "AWS::CloudWatch::Alarm", "AWS::CloudWatch::Dashboard", "AWS::Lambda::Version", "AWS::Lambda::Alias",
        "AWS::Events::EventBusPolicy", "AWS::SNS::Topic", "AWS::SNS::Subscription",
        // static hosting of the SPA: devstack serves the built files itself (StaticSite); there is no local S3 API
        "AWS::S3::Bucket", "AWS::S3::BucketPolicy", "AWS::CloudFront::Distribution", "AWS::CloudFront::OriginAccessControl",
        "AWS::CloudFront::ResponseHeadersPolicy",
        // read only through {{resolve:secretsmanager:…}} references, which the local Lambda sandbox replaces (SandboxEnvironment)
        "AWS::SecretsManager::Secret");
    /** Owned by the API Gateway / OIDC emulation (dev.backplane.devstack.apigw), which validates them itself. */
    static final List<String> API_GATEWAY_PREFIXES = List.of("AWS::Serverless::HttpApi", "AWS::Serverless::Api",
        "AWS::ApiGatewayV2::", "AWS::ApiGateway::", "AWS::Cognito::");
    static final Set<String> RUNTIME_EVENTS = Set.of("SQS", "DynamoDB", "EventBridgeRule", "CloudWatchEvent", "Schedule", "ScheduleV2");
    static final Set<String> API_GATEWAY_EVENTS = Set.of("HttpApi", "Api");

    private TemplateSupport() {}

    public static void check(Template template) {
        List<String> problems = new ArrayList<>();
        for (Resource r : template.resources().values()) {
            if (!supported(r.type())) problems.add(r.logicalId() + " (" + r.type() + ")");
        }
        for (FunctionEvent e : FunctionEvent.all(template)) {
            if (!RUNTIME_EVENTS.contains(e.type()) && !API_GATEWAY_EVENTS.contains(e.type())) {
                problems.add(e.functionId() + ".Events." + e.name() + " (event type " + e.type() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new TemplateException("devstack does not support these resources/events of " + template.file() + ": "
                + String.join(", ", problems) + ". Supported: " + RUNTIME_TYPES + ", API Gateway/Cognito types, events "
                + RUNTIME_EVENTS + " and " + API_GATEWAY_EVENTS + "; accepted without local effect: AWS::IAM::*, " + HARMLESS_TYPES);
        }
    }

    static boolean supported(String type) {
        return RUNTIME_TYPES.contains(type) || HARMLESS_TYPES.contains(type) || type.startsWith("AWS::IAM::")
            || API_GATEWAY_PREFIXES.stream().anyMatch(type::startsWith);
    }
}
