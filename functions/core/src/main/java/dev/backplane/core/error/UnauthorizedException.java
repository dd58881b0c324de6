package dev.backplane.core.error;

public final class UnauthorizedException extends DomainException {
    public UnauthorizedException(String message) { super("unauthorized", message); }
}
