// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.identity.IdentityApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The identity HTTP functions fed with the events/ samples, against DynamoDB Local. */
class IdentityApiTest {
    static final String ME = "GetMeFunction/get-me_first-call.json";
    static final String PATCH = "UpdateMeFunction/update-me_valid.json";
    static final String PUBLIC = "GetPublicProfileFunction/get-public-profile_found.json";
    private final IdentityApi api = new IdentityApi();

    @AfterEach
    void close() { api.close(); }

    @Test
    void firstCallRegistersTheUserOnce() {
        JsonNode me = IdentityApi.json(ok(api.call("getMe", ME)));
        assertEquals("user-alice", me.get("id").asString());
        assertEquals("alice", me.get("handle").asString());
        assertEquals("alice@example.com", me.get("email").asString());
        assertEquals(List.of("user"), List.of(me.get("roles").get(0).asString()));
        ok(api.call("getMe", ME));
        List<JsonNode> registered = api.outbox("user.registered");
        assertEquals(1, registered.size());
        assertEquals(Map.of("userId", "user-alice", "handle", "alice", "email", "alice@example.com"),
            Map.of("userId", registered.getFirst().at("/data/userId").asString(), "handle", registered.getFirst().at("/data/handle").asString(),
                "email", registered.getFirst().at("/data/email").asString()));
    }

    @Test
    void patchingTheProfileEmitsTheChangedFieldsAndMovesTheHandle() {
        ok(api.call("getMe", ME));
        JsonNode me = IdentityApi.json(ok(api.call("updateMe", PATCH)));
        assertEquals("alice_l", me.get("handle").asString());
        assertEquals("Alice Liddell", me.get("displayName").asString());
        JsonNode updated = api.outbox("user.profile_updated").getFirst();
        assertEquals("alice_l", updated.at("/data/changed/handle").asString());
        assertEquals(4, updated.at("/data/changed").size());
        assertEquals("user-alice", updated.at("/actor/userId").asString());

        ok(api.call("updateMe", PATCH)); // same values again: nothing changes, nothing is emitted
        assertEquals(1, api.outbox("user.profile_updated").size());

        JsonNode cleared = IdentityApi.json(ok(api.call("updateMe", PATCH, null, null, "{\"bio\":null}")));
        assertTrue(cleared.get("bio").isNull());
        assertEquals(404, api.call("getPublicProfile", PUBLIC).getStatusCode()); // the old handle "alice" is released
        JsonNode alfred = IdentityApi.json(ok(api.call("updateMe", PATCH, "user-alfred", "user", "{\"handle\":\"alice\"}")));
        assertEquals("alice", alfred.get("handle").asString()); // ...so someone else may take it
        assertEquals("alice", IdentityApi.json(ok(api.call("getPublicProfile", PUBLIC))).get("handle").asString());
    }

    @Test
    void invalidPatchesNameEveryBadField() {
        JsonNode problem = problem(api.call("updateMe", "UpdateMeFunction/update-me_invalid.json"), 422, "validation-failed");
        assertEquals(List.of("avatarUrl", "bio", "displayName", "handle"),
            problem.get("errors").valueStream().map(e -> e.get("field").asString()).sorted().toList());
        problem(api.call("updateMe", "UpdateMeFunction/update-me_unknown-field.json"), 422, "validation-failed");
        problem(api.call("updateMe", PATCH, null, null, "[1,2]"), 400, "malformed-request");
        problem(api.call("updateMe", PATCH, null, null, "{\"handle\":null}"), 422, "validation-failed");
        problem(api.call("updateMe", PATCH, null, null, "{\"avatarUrl\":\"javascript:alert(1)\"}"), 422, "validation-failed");
        assertTrue(api.outbox("user.profile_updated").isEmpty());
    }

    @Test
    void aTakenHandleIsAConflict() {
        ok(api.call("getMe", ME, "user-bob", "user", null));
        ok(api.call("updateMe", PATCH, "user-bob", "user", "{\"handle\":\"alice_l\"}"));
        problem(api.call("updateMe", PATCH), 409, "handle-taken");
        assertEquals("alice", IdentityApi.json(ok(api.call("getMe", ME))).get("handle").asString());
    }

    @Test
    void settingsDefaultThenReplaceWithCanonicalLocale() {
        JsonNode defaults = IdentityApi.json(ok(api.call("getSettings", "GetSettingsFunction/get-settings_defaults.json")));
        assertEquals("system", defaults.get("theme").asString());
        assertEquals("UTC", defaults.get("timezone").asString());
        JsonNode saved = IdentityApi.json(ok(api.call("putSettings", "PutSettingsFunction/put-settings_valid.json")));
        assertEquals("pt-BR", saved.get("locale").asString());
        JsonNode read = IdentityApi.json(ok(api.call("getSettings", "GetSettingsFunction/get-settings_defaults.json")));
        assertEquals(saved, read);
        assertTrue(read.at("/notifications/orderUpdates").asBoolean());
        JsonNode problem = problem(api.call("putSettings", "PutSettingsFunction/put-settings_invalid.json"), 422, "validation-failed");
        assertEquals(List.of("locale", "theme", "timezone"), problem.get("errors").valueStream().map(e -> e.get("field").asString()).sorted().toList());
        problem(api.call("putSettings", "PutSettingsFunction/put-settings_valid.json", null, null,
            "{\"theme\":\"dark\",\"locale\":\"en\",\"timezone\":\"UTC\",\"notifications\":{\"x\":\"maybe\"}}"), 400, "malformed-request");
    }

    @Test
    void publicProfilesShowPublicFieldsOnly() {
        ok(api.call("updateMe", PATCH, null, null, "{\"displayName\":\"Alice\"}"));
        APIGatewayV2HTTPResponse r = ok(api.call("getPublicProfile", PUBLIC));
        JsonNode profile = IdentityApi.json(r);
        assertEquals(List.of("avatarUrl", "bio", "displayName", "handle", "joinedAt"), profile.propertyNames().stream().sorted().toList());
        assertFalse(r.getBody().contains("example.com"));
        problem(api.call("getPublicProfile", "GetPublicProfileFunction/get-public-profile_unknown.json"), 404, "not-found");
    }

    @Test
    void adminsSearchByHandlePrefixAcrossPages() {
        for (String id : List.of("user-alice", "user-alan", "user-albert", "user-bob")) ok(api.call("getMe", ME, id, "user", null));
        ok(api.call("updateMe", PATCH, "user-alan", "user", "{\"handle\":\"alan\"}"));
        ok(api.call("updateMe", PATCH, "user-albert", "user", "{\"handle\":\"albert\"}"));
        ok(api.call("updateMe", PATCH, "user-bob", "user", "{\"handle\":\"bob\"}"));
        ok(api.call("updateMe", PATCH, "user-alice", "user", "{\"handle\":\"alice\"}"));
        String list = "ListUsersFunction/list-users_admin-prefix.json";
        JsonNode all = IdentityApi.json(ok(api.call("listUsers", list)));
        assertEquals(List.of("alan", "albert", "alice"), all.get("items").valueStream().map(u -> u.get("handle").asString()).toList());
        assertEquals("user-alice@example.com", all.get("items").get(2).get("email").asString());

        JsonNode page1 = IdentityApi.json(ok(api.listWith(list, "limit", "2")));
        assertEquals(2, page1.get("items").size());
        String cursor = page1.get("nextCursor").asString();
        JsonNode page2 = IdentityApi.json(ok(api.listWith(list, "cursor", cursor)));
        assertEquals("alice", page2.get("items").get(0).get("handle").asString());
        problem(api.listWith(list, "cursor", "Ym9ndXM"), 400, "invalid-cursor");
        problem(api.listWith(list, "prefix", "A B"), 422, "validation-failed");
    }

    @Test
    void nonAdminsGet403OnEveryAdminRoute() {
        ok(api.call("getMe", ME, "user-admin", "user,admin", null));
        problem(api.call("listUsers", "ListUsersFunction/list-users_non-admin.json"), 403, "forbidden");
        problem(api.call("assignRoles", "AssignRolesFunction/assign-roles_non-admin.json"), 403, "forbidden");
        problem(api.call("suspendUser", "SuspendUserFunction/suspend-user_non-admin.json"), 403, "forbidden");
        problem(api.call("assignRoles", "AssignRolesFunction/assign-roles_non-admin.json", null, null, "not json"), 403, "forbidden");
        assertTrue(api.outbox().stream().noneMatch(e -> e.get("type").asString().matches("user\\.(roles_assigned|suspended)")));
    }

    @Test
    void adminsAssignRolesAndSuspendOnce() {
        ok(api.call("getMe", ME));
        JsonNode roles = IdentityApi.json(ok(api.call("assignRoles", "AssignRolesFunction/assign-roles_valid.json")));
        assertEquals(2, roles.get("roles").size());
        assertTrue(roles.get("rolesAssigned").asBoolean());
        assertEquals(1, api.outbox("user.roles_assigned").size());
        problem(api.call("assignRoles", "AssignRolesFunction/assign-roles_unknown-role.json"), 422, "validation-failed");
        problem(api.call("assignRoles", "AssignRolesFunction/assign-roles_valid.json", "user-alice", "user,admin", "{\"roles\":[\"user\"]}"),
            422, "validation-failed"); // alice (now admin) may not demote herself

        String suspend = "SuspendUserFunction/suspend-user_valid.json";
        JsonNode suspended = IdentityApi.json(ok(api.call("suspendUser", suspend)));
        assertEquals("SUSPENDED", suspended.get("status").asString());
        assertEquals("spam reports", suspended.get("suspendedReason").asString());
        APIGatewayV2HTTPResponse replay = api.call("suspendUser", suspend);
        assertEquals("true", replay.getHeaders().get("idempotent-replayed"));
        ok(api.call("suspendUser", suspend, null, null, "{\"reason\":\"again\"}"));
        List<JsonNode> events = api.outbox("user.suspended");
        assertEquals(1, events.size());
        assertEquals("spam reports", events.getFirst().at("/data/reason").asString());
        assertEquals("user-admin", events.getFirst().at("/actor/userId").asString());
        problem(api.call("getPublicProfile", PUBLIC), 404, "not-found"); // suspended users have no public profile
        problem(api.call("suspendUser", suspend, null, null, "{\"reason\":\"  \"}"), 422, "validation-failed");
    }

    @Test
    void adminsReactivateASuspendedUserOnce() {
        String reactivate = "ReactivateUserFunction/reactivate-user_valid.json";
        ok(api.call("getMe", ME));
        JsonNode active = IdentityApi.json(ok(api.call("reactivateUser", reactivate, null, null, "")));
        assertEquals("ACTIVE", active.get("status").asString());
        assertTrue(api.outbox("user.reactivated").isEmpty(), "reactivating an active user changes nothing");

        ok(api.call("suspendUser", "SuspendUserFunction/suspend-user_valid.json"));
        JsonNode reactivated = IdentityApi.json(ok(api.call("reactivateUser", reactivate)));
        assertEquals("ACTIVE", reactivated.get("status").asString());
        assertTrue(reactivated.get("suspendedReason") == null || reactivated.get("suspendedReason").isNull());
        assertEquals("user-alice", reactivated.get("id").asString());
        APIGatewayV2HTTPResponse replay = api.call("reactivateUser", reactivate);
        assertEquals("true", replay.getHeaders().get("idempotent-replayed"));
        assertEquals(reactivated, IdentityApi.json(replay));
        List<JsonNode> events = api.outbox("user.reactivated");
        assertEquals(1, events.size());
        assertEquals("user-alice", events.getFirst().at("/data/userId").asString());
        assertEquals("user-admin", events.getFirst().at("/actor/userId").asString());
        assertEquals("user", events.getFirst().at("/subject/kind").asString());
        ok(api.call("getPublicProfile", PUBLIC)); // visible again
    }

    @Test
    void reactivatingIsForAdminsAndUnknownUsersAre404() {
        ok(api.call("getMe", ME));
        ok(api.call("suspendUser", "SuspendUserFunction/suspend-user_valid.json"));
        problem(api.call("reactivateUser", "ReactivateUserFunction/reactivate-user_non-admin.json"), 403, "forbidden");
        problem(api.call("reactivateUser", "ReactivateUserFunction/reactivate-user_unknown.json"), 404, "not-found");
        assertTrue(api.outbox("user.reactivated").isEmpty());
    }

    @Test
    void anAdminCannotRemoveTheirOwnAdminRole() {
        ok(api.call("getMe", ME));
        // the sample targets user-alice; here user-alice herself, an admin, sends it
        JsonNode body = problem(api.call("assignRoles", "AssignRolesFunction/assign-roles_valid.json", "user-alice", "user,admin",
            "{\"roles\":[\"user\"]}"), 422, "validation-failed");
        assertEquals("roles", body.at("/errors/0/field").asString(), body.toString());
        assertTrue(api.outbox("user.roles_assigned").isEmpty());
    }

    static APIGatewayV2HTTPResponse ok(APIGatewayV2HTTPResponse r) {
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertNotNull(r.getHeaders().get("x-correlation-id"));
        return r;
    }

    static JsonNode problem(APIGatewayV2HTTPResponse r, int status, String type) {
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("content-type"));
        JsonNode body = IdentityApi.json(r);
        assertEquals("https://backplane.dev/problems/" + type, body.get("type").asString(), r.getBody());
        assertNull(body.get("stackTrace"));
        return body;
    }
}
