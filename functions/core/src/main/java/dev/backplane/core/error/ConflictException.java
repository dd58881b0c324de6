package dev.backplane.core.error;

/** The request is valid but the current state forbids it (illegal transition, concurrent change, no stock). */
public final class ConflictException extends DomainException {
    public ConflictException(String code, String message) { super(code, message); }
}
