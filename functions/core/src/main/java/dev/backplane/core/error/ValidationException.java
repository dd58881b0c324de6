package dev.backplane.core.error;

import java.util.ArrayList;
import java.util.List;

/** Input that is well-formed but breaks the rules (422), naming every offending field. */
public final class ValidationException extends DomainException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super("validation-failed", summary(errors));
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() { return errors; }

    private static String summary(List<FieldError> errors) {
        return errors.isEmpty() ? "invalid input" : errors.getFirst().field() + ": " + errors.getFirst().message()
            + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    }

    /** Collects field errors while validating, then throws once with all of them. */
    public static final class Collector {
        private final List<FieldError> errors = new ArrayList<>();

        public Collector check(boolean ok, String field, String message) {
            if (!ok) errors.add(new FieldError(field, message));
            return this;
        }

        public boolean isEmpty() { return errors.isEmpty(); }

        public void throwIfAny() {
            if (!errors.isEmpty()) throw new ValidationException(errors);
        }
    }
}
