package dev.backplane.core.http;

import dev.backplane.core.error.ConflictException;
import dev.backplane.core.error.DomainException;
import dev.backplane.core.error.ForbiddenException;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.error.TooManyRequestsException;
import dev.backplane.core.error.UnauthorizedException;
import dev.backplane.core.error.ValidationException;
import dev.backplane.core.idempotency.IdempotencyInProgressException;
import dev.backplane.core.idempotency.IdempotencyKeyReusedException;
import dev.backplane.core.store.TransactionFailedException;
import java.util.Map;

/** Maps every failure to problem+json; anything unexpected becomes an opaque 500 (details stay in the logs). */
final class Problems {
    record Mapped(Problem problem, Map<String, String> headers, boolean unexpected) {}

    private Problems() {}

    static Mapped map(Throwable error, String correlationId) {
        return switch (error) {
            case HttpProblemException p -> known(p.toProblem(correlationId));
            case DomainException d -> domain(d, correlationId);
            case IdempotencyKeyReusedException e -> known(Problem.of(422, "idempotency-key-reused",
                "Idempotency key reused", e.getMessage(), correlationId));
            case IdempotencyInProgressException e -> new Mapped(Problem.of(409, "idempotency-in-progress",
                "Request in progress", e.getMessage(), correlationId), Map.of("retry-after", "1"), false);
            case TransactionFailedException e when e.concurrentConflict() -> new Mapped(Problem.of(409,
                "concurrent-modification", "Concurrent modification", "the resource changed meanwhile; retry",
                correlationId), Map.of("retry-after", "1"), false);
            default -> new Mapped(Problem.of(500, "internal-error", "Internal error",
                "something went wrong on our side; quote the correlation id when reporting it", correlationId), Map.of(), true);
        };
    }

    private static Mapped domain(DomainException d, String correlationId) {
        return switch (d) {
            case ValidationException v -> known(Problem.of(422, v.code(), "Validation failed", v.getMessage(), correlationId)
                .withErrors(v.errors()));
            case NotFoundException n -> known(Problem.of(404, n.code(), "Not found", n.getMessage(), correlationId));
            case ConflictException c -> known(Problem.of(409, c.code(), "Conflict", c.getMessage(), correlationId));
            case ForbiddenException f -> known(Problem.of(403, f.code(), "Forbidden", f.getMessage(), correlationId));
            case UnauthorizedException u -> known(Problem.of(401, u.code(), "Unauthorized", u.getMessage(), correlationId));
            case TooManyRequestsException t -> new Mapped(Problem.of(429, t.code(), "Too many requests", t.getMessage(),
                correlationId), Map.of("retry-after", Long.toString(t.retryAfterSeconds())), false);
        };
    }

    private static Mapped known(Problem problem) { return new Mapped(problem, Map.of(), false); }
}
