package dev.backplane.orders.domain;

import dev.backplane.core.error.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The command behind POST /orders, validated before anything is read or written. */
public record PlaceOrder(List<Line> lines) {
    public static final int MAX_LINES = 50;
    public static final int MAX_QUANTITY = 100;

    public record Line(String productId, Integer quantity) {}

    public void validate() {
        ValidationException.Collector errors = new ValidationException.Collector();
        errors.check(lines != null && !lines.isEmpty(), "lines", "at least one line is required");
        if (lines != null) {
            errors.check(lines.size() <= MAX_LINES, "lines", "at most " + MAX_LINES + " lines per order");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < lines.size() && i < MAX_LINES; i++) {
                Line line = lines.get(i);
                String at = "lines[" + i + "]";
                if (line == null) {
                    errors.check(false, at, "must be an object");
                    continue;
                }
                boolean idOk = line.productId() != null && line.productId().matches("[A-Za-z0-9_-]{1,64}");
                errors.check(idOk, at + ".productId", "required, 1-64 letters, digits, '_' or '-'");
                errors.check(line.quantity() != null && line.quantity() >= 1 && line.quantity() <= MAX_QUANTITY,
                    at + ".quantity", "must be between 1 and " + MAX_QUANTITY);
                errors.check(!idOk || seen.add(line.productId()), at + ".productId", "duplicate product; combine the quantities");
            }
        }
        errors.throwIfAny();
    }
}
