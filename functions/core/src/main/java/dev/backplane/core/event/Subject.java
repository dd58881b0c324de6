package dev.backplane.core.event;

/** The aggregate an event is about, e.g. ("order", "ord_123"). */
public record Subject(String kind, String id) {}
