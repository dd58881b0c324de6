// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.api;

import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.identity.domain.UserAdministration;
import java.util.List;

/** Thin handlers for /admin/users; the domain refuses non-admins (403). */
public final class AdminRoutes {
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    private final UserAdministration admin;

    record RolesBody(List<String> roles) {}

    record SuspendBody(String reason) {}

    public AdminRoutes(UserAdministration admin) { this.admin = admin; }

    public ApiResponse listUsers(ApiRequest request) {
        UserAdministration.requireAdmin(request.requireCaller());
        return ApiResponse.ok(Views.page(admin.search(request.requireCaller(), request.query("prefix").orElse(""),
            request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE), request.query("cursor").orElse(null)), Views::admin));
    }

    public ApiResponse assignRoles(ApiRequest request) {
        var caller = request.requireCaller();
        UserAdministration.requireAdmin(caller);
        String userId = request.pathParameter("id");
        return ApiResponse.ok(Views.admin(admin.assignRoles(caller, userId, request.body(RolesBody.class).roles(), request.trace())));
    }

    public ApiResponse suspendUser(ApiRequest request) {
        var caller = request.requireCaller();
        UserAdministration.requireAdmin(caller);
        String userId = request.pathParameter("id");
        return ApiResponse.ok(Views.admin(admin.suspend(caller, userId, request.body(SuspendBody.class).reason(), request.trace())));
    }

    /** No body (or an empty one): there is nothing to say when lifting a suspension. */
    public ApiResponse reactivateUser(ApiRequest request) {
        var caller = request.requireCaller();
        UserAdministration.requireAdmin(caller);
        return ApiResponse.ok(Views.admin(admin.reactivate(caller, request.pathParameter("id"), request.trace())));
    }
}
