package dev.backplane.notifications.domain;

import java.util.List;

public record Page<T>(List<T> items, String nextCursor) {}
