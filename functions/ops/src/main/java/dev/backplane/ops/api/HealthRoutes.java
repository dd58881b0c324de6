package dev.backplane.ops.api;

import dev.backplane.core.error.ForbiddenException;
import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.ops.domain.SystemHealth;
import java.util.function.Supplier;

/** {@code GET /health} (public, cheap: no dependency is called) and {@code GET /admin/health} (probes everything). */
public final class HealthRoutes {
    private final String version;
    private final Supplier<SystemHealth> health;

    public HealthRoutes(String version, Supplier<SystemHealth> health) {
        this.version = version;
        this.health = health;
    }

    record Liveness(String status, String version) {}

    public ApiResponse health(ApiRequest request) { return ApiResponse.ok(new Liveness("ok", version)); }

    public ApiResponse adminHealth(ApiRequest request) {
        if (!request.requireCaller().isAdmin()) throw new ForbiddenException("admins only");
        return ApiResponse.ok(health.get().check());
    }
}
