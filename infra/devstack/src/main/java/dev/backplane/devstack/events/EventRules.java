package dev.backplane.devstack.events;

import dev.backplane.devstack.Json;
import dev.backplane.devstack.lambda.FunctionDefinitions;
import dev.backplane.devstack.sqs.QueueArns;
import dev.backplane.devstack.template.FunctionEvent;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template's event buses ({@code default} plus AWS::Events::EventBus) and pattern rules: AWS::Events::Rule with
 * an EventPattern, and SAM's {@code EventBridgeRule} / {@code CloudWatchEvent} function events. Schedule rules are
 * the schedule package's business.
 */
public final class EventRules {
    public static final String BUS_TYPE = "AWS::Events::EventBus";
    public static final String RULE_TYPE = "AWS::Events::Rule";
    private static final Set<String> BUS_PROPERTIES = Set.of("Name", "Tags", "Description", "DeadLetterConfig", "KmsKeyIdentifier");
    private static final Set<String> RULE_PROPERTIES = Set.of("Name", "EventBusName", "EventPattern", "ScheduleExpression",
        "State", "Targets", "Description", "RoleArn");
    private static final Set<String> TARGET_PROPERTIES = Set.of("Id", "Arn", "Input", "InputPath", "InputTransformer",
        "SqsParameters", "DeadLetterConfig", "RetryPolicy", "RoleArn");
    private static final Set<String> SAM_EVENT_PROPERTIES = Set.of("Pattern", "EventBusName", "Input", "InputPath",
        "InputTransformer", "RuleName", "State", "Enabled", "Target", "DeadLetterConfig", "RetryPolicy");

    private EventRules() {}

    public static Set<String> buses(Template template, Intrinsics intrinsics) {
        Set<String> buses = new LinkedHashSet<>(List.of("default"));
        for (Resource bus : template.ofType(BUS_TYPE)) {
            bus.requireOnly(BUS_PROPERTIES);
            buses.add(intrinsics.physicalName(bus.logicalId()));
        }
        return buses;
    }

    /** Pattern rules (schedule rules excluded); {@code queueUrls} maps queue logical ids to URLs. */
    public static List<Rule> rules(Template template, Intrinsics intrinsics, Map<String, String> queueUrls) {
        Set<String> buses = buses(template, intrinsics);
        List<Rule> rules = new ArrayList<>();
        for (Resource r : template.ofType(RULE_TYPE)) {
            r.requireOnly(RULE_PROPERTIES);
            if (r.property("EventPattern") == null) continue; // a schedule rule
            if (r.property("ScheduleExpression") != null) {
                throw new TemplateException("rule " + r.logicalId() + " has both EventPattern and ScheduleExpression");
            }
            String name = intrinsics.physicalName(r.logicalId());
            String bus = busName(intrinsics.resolveString(r.property("EventBusName")), buses, r.logicalId());
            List<Target> targets = new ArrayList<>();
            for (Object t : (List<?>) intrinsics.resolve(r.list("Targets"))) {
                targets.add(target(template, intrinsics, queueUrls, (Map<?, ?>) t, r.logicalId()));
            }
            rules.add(new Rule(name, arn(intrinsics, bus, name), bus, pattern(intrinsics.resolve(r.property("EventPattern")), r.logicalId()),
                enabled(intrinsics.resolveString(r.property("State"))), targets));
        }
        for (FunctionEvent e : FunctionEvent.ofType(template, "EventBridgeRule", "CloudWatchEvent")) {
            e.requireOnly(SAM_EVENT_PROPERTIES);
            String usedBy = e.functionId() + ".Events." + e.name();
            if (e.property("Pattern") == null) throw new TemplateException(usedBy + ": Pattern is required");
            String bus = busName(intrinsics.resolveString(e.property("EventBusName")), buses, usedBy);
            String name = e.property("RuleName") != null ? intrinsics.resolveString(e.property("RuleName")) : e.functionId() + e.name();
            Target target = new Target(e.functionId() + e.name() + "LambdaTarget", null, e.functionId(),
                InputTransformation.from(intrinsics.resolve(e.property("Input")), intrinsics.resolve(e.property("InputPath")),
                    intrinsics.resolve(e.property("InputTransformer")), usedBy),
                null, deadLetterQueue(template, intrinsics, queueUrls, intrinsics.resolve(e.property("DeadLetterConfig")), usedBy));
            boolean enabled = enabled(intrinsics.resolveString(e.property("State")))
                && (e.property("Enabled") == null || Boolean.parseBoolean(intrinsics.resolveString(e.property("Enabled"))));
            rules.add(new Rule(name, arn(intrinsics, bus, name), bus, pattern(intrinsics.resolve(e.property("Pattern")), usedBy), enabled, List.of(target)));
        }
        return rules;
    }

    /** A target of an AWS::Events::Rule (or schedule rule): an SQS queue or a template function, by ARN. */
    public static Target target(Template template, Intrinsics intrinsics, Map<String, String> queueUrls, Map<?, ?> t, String usedBy) {
        for (Object key : t.keySet()) {
            if (!TARGET_PROPERTIES.contains(String.valueOf(key))) {
                throw new TemplateException("devstack does not support target property '" + key + "' (rule " + usedBy + ")");
            }
        }
        String id = String.valueOf(t.get("Id"));
        String arn = String.valueOf(t.get("Arn"));
        String where = usedBy + " target " + id;
        InputTransformation input = InputTransformation.from(t.get("Input"), t.get("InputPath"), t.get("InputTransformer"), where);
        String dlq = deadLetterQueue(template, intrinsics, queueUrls, t.get("DeadLetterConfig"), where);
        if (arn.startsWith("arn:aws:sqs:")) {
            String group = t.get("SqsParameters") instanceof Map<?, ?> p && p.get("MessageGroupId") != null ? String.valueOf(p.get("MessageGroupId")) : null;
            return new Target(id, queueUrls.get(QueueArns.logicalIdOf(template, intrinsics, arn, where)), null, input, group, dlq);
        }
        if (arn.startsWith("arn:aws:lambda:")) {
            for (Resource f : template.ofType(FunctionDefinitions.FUNCTION_TYPE)) {
                String fArn = "arn:aws:lambda:" + intrinsics.region() + ":" + intrinsics.accountId() + ":function:" + intrinsics.physicalName(f.logicalId());
                if (arn.equals(fArn)) return new Target(id, null, f.logicalId(), input, null, dlq);
            }
            throw new TemplateException(where + ": function " + arn + " is not in the template");
        }
        throw new TemplateException(where + ": devstack supports SQS and Lambda targets only, got " + arn);
    }

    private static String deadLetterQueue(Template template, Intrinsics intrinsics, Map<String, String> queueUrls, Object config, String usedBy) {
        if (!(config instanceof Map<?, ?> c) || c.get("Arn") == null) return null;
        return queueUrls.get(QueueArns.logicalIdOf(template, intrinsics, String.valueOf(c.get("Arn")), usedBy));
    }

    private static EventFilter pattern(Object pattern, String usedBy) {
        return EventFilter.of(List.of(pattern instanceof String s ? s : Json.text(pattern)), usedBy);
    }

    private static boolean enabled(String state) { return state == null || !state.equals("DISABLED"); }

    private static String busName(String nameOrArn, Set<String> buses, String usedBy) {
        if (nameOrArn == null) return "default";
        String name = nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
        if (!buses.contains(name)) throw new TemplateException(usedBy + ": event bus '" + name + "' is neither default nor in the template");
        return name;
    }

    static String arn(Intrinsics intrinsics, String bus, String name) {
        String prefix = "arn:aws:events:" + intrinsics.region() + ":" + intrinsics.accountId() + ":rule/";
        return bus.equals("default") ? prefix + name : prefix + bus + "/" + name;
    }
}
