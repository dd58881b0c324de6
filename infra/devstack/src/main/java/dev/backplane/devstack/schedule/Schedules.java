package dev.backplane.devstack.schedule;

import dev.backplane.devstack.events.EventRules;
import dev.backplane.devstack.events.Target;
import dev.backplane.devstack.template.FunctionEvent;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads schedules: SAM {@code Schedule} / {@code ScheduleV2} function events and AWS::Events::Rule with ScheduleExpression. */
public final class Schedules {
    private static final Set<String> SCHEDULE = Set.of("Schedule", "Input", "Enabled", "State", "Name", "Description",
        "RetryPolicy", "DeadLetterConfig");
    private static final Set<String> SCHEDULE_V2 = Set.of("ScheduleExpression", "ScheduleExpressionTimezone", "Input",
        "State", "Name", "Description", "DeadLetterConfig", "RetryPolicy",
        // accepted, no local effect: delivery jitter, IAM, encryption and grouping are AWS-side
        "FlexibleTimeWindow", "RoleArn", "PermissionsBoundary", "KmsKeyArn", "GroupName", "OmitName");

    private Schedules() {}

    public static List<Schedule> from(Template template, Intrinsics intrinsics, Map<String, String> queueUrls) {
        List<Schedule> schedules = new ArrayList<>();
        String prefix = "arn:aws:events:" + intrinsics.region() + ":" + intrinsics.accountId() + ":rule/";
        for (Resource r : template.ofType(EventRules.RULE_TYPE)) {
            if (r.property("ScheduleExpression") == null) continue;
            String name = intrinsics.physicalName(r.logicalId());
            List<Target> targets = new ArrayList<>();
            for (Object t : (List<?>) intrinsics.resolve(r.list("Targets"))) {
                targets.add(EventRules.target(template, intrinsics, queueUrls, (Map<?, ?>) t, r.logicalId()));
            }
            schedules.add(new Schedule(r.logicalId(), name, prefix + name, expression(intrinsics.resolveString(r.property("ScheduleExpression")), r.logicalId()),
                ScheduleExpression.zone(null), !"DISABLED".equals(intrinsics.resolveString(r.property("State"))), false, targets));
        }
        for (FunctionEvent e : FunctionEvent.ofType(template, "Schedule", "ScheduleV2")) {
            boolean v2 = e.type().equals("ScheduleV2");
            e.requireOnly(v2 ? SCHEDULE_V2 : SCHEDULE);
            String id = e.functionId() + e.name();
            String usedBy = e.functionId() + ".Events." + e.name();
            String name = e.property("Name") != null ? intrinsics.resolveString(e.property("Name")) : id;
            Object dlq = intrinsics.resolve(e.property("DeadLetterConfig"));
            if (dlq instanceof Map<?, ?> d && d.get("Arn") == null) {
                throw TemplateException.unsupported(e.functionId(), e.type() + " event " + e.name(), "DeadLetterConfig.Type (give an Arn)");
            }
            Map<String, Object> targetSpec = new java.util.LinkedHashMap<>();
            targetSpec.put("Id", id + "LambdaTarget");
            targetSpec.put("Arn", "arn:aws:lambda:" + intrinsics.region() + ":" + intrinsics.accountId() + ":function:" + intrinsics.physicalName(e.functionId()));
            if (e.property("Input") != null) targetSpec.put("Input", intrinsics.resolve(e.property("Input")));
            if (dlq != null) targetSpec.put("DeadLetterConfig", dlq);
            Target target = EventRules.target(template, intrinsics, queueUrls, targetSpec, usedBy);
            String expression = intrinsics.resolveString(e.property(v2 ? "ScheduleExpression" : "Schedule"));
            boolean enabled = !"DISABLED".equals(intrinsics.resolveString(e.property("State")))
                && (e.property("Enabled") == null || Boolean.parseBoolean(intrinsics.resolveString(e.property("Enabled"))));
            String arn = v2 ? "arn:aws:scheduler:" + intrinsics.region() + ":" + intrinsics.accountId() + ":schedule/default/" + name : prefix + name;
            schedules.add(new Schedule(id, name, arn, expression(expression, usedBy),
                ScheduleExpression.zone(v2 ? intrinsics.resolveString(e.property("ScheduleExpressionTimezone")) : null), enabled, v2, List.of(target)));
        }
        return schedules;
    }

    private static ScheduleExpression expression(String text, String usedBy) {
        try {
            return ScheduleExpression.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TemplateException(usedBy + ": " + e.getMessage());
        }
    }

}
