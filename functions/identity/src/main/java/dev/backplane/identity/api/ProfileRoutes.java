// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.api;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.identity.domain.ProfilePatch;
import dev.backplane.identity.domain.Settings;
import dev.backplane.identity.domain.User;
import dev.backplane.identity.domain.UserService;
import java.util.Map;

/** Thin handlers for /me, /me/settings and public profiles: parse → caller → domain → view. */
public final class ProfileRoutes {
    private final UserService users;

    public ProfileRoutes(UserService users) { this.users = users; }

    public ApiResponse getMe(ApiRequest request) {
        Caller caller = request.requireCaller();
        return ApiResponse.ok(Views.me(users.me(caller, request.trace()), caller.roles()));
    }

    @SuppressWarnings("unchecked")
    public ApiResponse updateMe(ApiRequest request) {
        Caller caller = request.requireCaller();
        ProfilePatch patch = ProfilePatch.of(request.body(Map.class));
        User updated = users.updateProfile(caller, patch, request.trace());
        return ApiResponse.ok(Views.me(updated, caller.roles()));
    }

    public ApiResponse getSettings(ApiRequest request) { return ApiResponse.ok(users.settings(request.requireCaller())); }

    public ApiResponse putSettings(ApiRequest request) {
        Caller caller = request.requireCaller();
        return ApiResponse.ok(users.replaceSettings(caller, request.body(Settings.class), request.trace()));
    }

    /** Public: no caller needed, public fields only. */
    public ApiResponse getPublicProfile(ApiRequest request) {
        return ApiResponse.ok(Views.publicProfile(users.publicProfile(request.pathParameter("handle"))));
    }
}
