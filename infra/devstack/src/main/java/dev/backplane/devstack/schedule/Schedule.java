package dev.backplane.devstack.schedule;

import dev.backplane.devstack.events.Target;
import java.time.ZoneId;
import java.util.List;

/**
 * A schedule of the template.
 *
 * @param id         what the admin endpoint fires it by: the rule's logical id, or FunctionId+EventName for SAM events
 *                   (the logical id SAM gives the generated rule)
 * @param scheduler  true for EventBridge Scheduler (ScheduleV2), false for a scheduled EventBridge rule
 */
public record Schedule(String id, String name, String arn, ScheduleExpression expression, ZoneId zone, boolean enabled,
                       boolean scheduler, List<Target> targets) {}
