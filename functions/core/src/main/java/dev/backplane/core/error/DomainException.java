package dev.backplane.core.error;

/**
 * A business rule said no. Each subclass maps to one HTTP status and a stable problem type, so domain code stays
 * free of HTTP and AWS. {@code code} is the stable machine-readable slug (e.g. "insufficient-stock").
 */
public abstract sealed class DomainException extends RuntimeException
    permits NotFoundException, ConflictException, ValidationException, ForbiddenException, UnauthorizedException,
            TooManyRequestsException {
    private final String code;

    protected DomainException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() { return code; }
}
