package dev.backplane.orders.domain;

import dev.backplane.core.error.ValidationException;

/** The command behind POST /admin/orders/{id}/review: an admin's decision on a held (FLAGGED) order. */
public record ReviewOrder(String decision, String note) {
    public static final int MAX_NOTE = 500;

    public boolean approves() { return "approve".equals(decision); }

    public void validate() {
        new ValidationException.Collector()
            .check("approve".equals(decision) || "reject".equals(decision), "decision", "must be 'approve' or 'reject'")
            .check(note == null || note.length() <= MAX_NOTE, "note", "at most " + MAX_NOTE + " characters")
            .throwIfAny();
    }
}
