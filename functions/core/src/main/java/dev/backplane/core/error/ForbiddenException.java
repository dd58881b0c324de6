package dev.backplane.core.error;

public final class ForbiddenException extends DomainException {
    public ForbiddenException(String message) { super("forbidden", message); }
}
