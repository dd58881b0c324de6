package dev.backplane.devstack.events;

import java.util.List;

/** An EventBridge rule on a bus: an event pattern (AWS's event-ruler) and its targets. */
public record Rule(String name, String arn, String busName, EventFilter pattern, boolean enabled, List<Target> targets) {}
