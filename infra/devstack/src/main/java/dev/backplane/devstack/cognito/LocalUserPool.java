// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.logs.LogSink;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One local user pool: users with hashed passwords, their status (UNCONFIRMED → CONFIRMED, FORCE_CHANGE_PASSWORD for
 * admin-created users), groups, and the tokens Cognito issues for them (ID and access tokens with Cognito's claims,
 * opaque refresh tokens). Operations take and return the {@code cognito-idp} JSON documents.
 */
final class LocalUserPool {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserPoolDefinitions.Pool definition;
    private final String issuer;
    private final TokenSigner signer;
    private final LogSink log;
    private final LocalCognito.Mailer mailer;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    private static final class User {
        final String username;
        final String sub;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final Set<String> groups = new LinkedHashSet<>();
        volatile Instant created = Instant.now();
        volatile Instant modified = created;
        volatile String passwordHash;
        volatile String status;
        volatile String confirmationCode;

        User(String username, String sub) {
            this.username = username;
            this.sub = sub;
        }
    }

    private record Refresh(String username, String clientId, Instant expires) {}

    LocalUserPool(UserPoolDefinitions.Pool definition, String issuer, TokenSigner signer, LogSink log, LocalCognito.Mailer mailer) {
        this.mailer = mailer;
        this.definition = definition;
        this.issuer = issuer;
        this.signer = signer;
        this.log = log;
    }

    String poolId() { return definition.poolId(); }

    String issuer() { return issuer; }

    boolean hasClient(String clientId) { return definition.clients().containsKey(clientId); }

    /** The code ConfirmSignUp expects for a user who signed up and is not confirmed yet (Cognito would mail it). */
    String confirmationCode(String username) {
        User u = find(username);
        return u == null ? null : u.confirmationCode;
    }

    ObjectNode signUp(JsonNode r) {
        AppClient client = client(r);
        String username = required(r, "Username");
        client.checkSecretHash(username, text(r, "SecretHash"));
        String password = required(r, "Password");
        Map<String, String> attributes = attributes(r.get("UserAttributes"));
        User user = create(username, attributes);
        definition.passwordPolicy().check(password);
        user.passwordHash = PasswordHash.of(password);
        user.status = "UNCONFIRMED";
        user.confirmationCode = String.format("%06d", RANDOM.nextInt(1_000_000));
        register(user, username);
        log.system("Cognito " + definition.logicalId() + ": confirmation code for " + username + " is " + user.confirmationCode);
        ObjectNode out = Json.object().put("UserConfirmed", false).put("UserSub", user.sub);
        String email = user.attributes.get("email");
        if (email != null) {
            mailer.send(email, "Your verification code", "Your confirmation code is " + user.confirmationCode);
            out.putObject("CodeDeliveryDetails").put("Destination", mask(email)).put("DeliveryMedium", "EMAIL").put("AttributeName", "email");
        }
        return out;
    }

    ObjectNode confirmSignUp(JsonNode r) {
        AppClient client = client(r);
        String username = required(r, "Username");
        client.checkSecretHash(username, text(r, "SecretHash"));
        User user = existing(username, client);
        if (!"UNCONFIRMED".equals(user.status)) throw CognitoError.notAuthorized("User cannot be confirmed. Current status is " + user.status);
        if (user.confirmationCode == null || !user.confirmationCode.equals(text(r, "ConfirmationCode"))) {
            throw new CognitoError("CodeMismatchException", "Invalid verification code provided, please try again.");
        }
        confirm(user);
        // the code went to the email address (AutoVerifiedAttributes: [email]), which proves it
        if (definition.autoVerifiedAttributes().contains("email") && user.attributes.containsKey("email")) user.attributes.put("email_verified", "true");
        return Json.object();
    }

    ObjectNode adminConfirmSignUp(JsonNode r) {
        User user = existing(required(r, "Username"), null);
        if (!"UNCONFIRMED".equals(user.status)) throw CognitoError.notAuthorized("User cannot be confirmed. Current status is " + user.status);
        confirm(user);
        return Json.object();
    }

    ObjectNode adminCreateUser(JsonNode r) {
        String username = required(r, "Username");
        User user = create(username, attributes(r.get("UserAttributes")));
        String temporary = text(r, "TemporaryPassword");
        if (temporary != null) definition.passwordPolicy().check(temporary);
        else temporary = "Tmp-" + UUID.randomUUID() + "a1!";
        user.passwordHash = PasswordHash.of(temporary);
        user.status = "FORCE_CHANGE_PASSWORD";
        register(user, username);
        return Json.object().set("User", describe(user, "Attributes"));
    }

    ObjectNode adminSetUserPassword(JsonNode r) {
        User user = existing(required(r, "Username"), null);
        String password = required(r, "Password");
        definition.passwordPolicy().check(password);
        user.passwordHash = PasswordHash.of(password);
        if (r.path("Permanent").asBoolean(false)) user.status = "CONFIRMED";
        else if (!"UNCONFIRMED".equals(user.status)) user.status = "FORCE_CHANGE_PASSWORD";
        user.modified = Instant.now();
        return Json.object();
    }

    ObjectNode adminGetUser(JsonNode r) {
        return describe(existing(required(r, "Username"), null), "UserAttributes");
    }

    ObjectNode adminAddUserToGroup(JsonNode r) {
        User user = existing(required(r, "Username"), null);
        String group = required(r, "GroupName");
        if (!definition.groups().contains(group)) throw CognitoError.resourceNotFound("Group not found.");
        user.groups.add(group);
        return Json.object();
    }

    /** InitiateAuth (admin = false) and AdminInitiateAuth: USER_PASSWORD_AUTH / ADMIN_USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH. */
    ObjectNode initiateAuth(JsonNode r, boolean admin) {
        AppClient client = client(r);
        String flow = required(r, "AuthFlow");
        JsonNode params = r.path("AuthParameters");
        boolean refresh = flow.equals("REFRESH_TOKEN_AUTH") || flow.equals("REFRESH_TOKEN");
        boolean password = admin ? flow.equals("ADMIN_USER_PASSWORD_AUTH") || flow.equals("ADMIN_NO_SRP_AUTH") : flow.equals("USER_PASSWORD_AUTH");
        if (!refresh && !password) {
            throw CognitoError.invalidParameter("devstack's local user pools support the auth flows " + (admin
                ? "ADMIN_USER_PASSWORD_AUTH, ADMIN_NO_SRP_AUTH" : "USER_PASSWORD_AUTH") + " and REFRESH_TOKEN_AUTH, not " + flow
                + " (SRP and custom auth are not emulated)");
        }
        if (!client.allows(flow)) throw CognitoError.invalidParameter(flow + " flow not enabled for this client");
        if (refresh) return refresh(client, params);
        String username = params.path("USERNAME").asText(null);
        if (username == null) throw CognitoError.invalidParameter("Missing required parameter USERNAME");
        User user = find(username);
        if (user == null) {
            throw client.preventUserExistenceErrors() ? CognitoError.notAuthorized("Incorrect username or password.") : CognitoError.userNotFound();
        }
        client.checkSecretHash(username, params.path("SECRET_HASH").asText(null));
        if (!PasswordHash.matches(params.path("PASSWORD").asText(null), user.passwordHash)) {
            throw CognitoError.notAuthorized("Incorrect username or password.");
        }
        if ("UNCONFIRMED".equals(user.status)) throw new CognitoError("UserNotConfirmedException", "User is not confirmed.");
        if ("FORCE_CHANGE_PASSWORD".equals(user.status)) {
            String session = UUID.randomUUID().toString();
            sessions.put(session, user.username);
            ObjectNode out = Json.object().put("ChallengeName", "NEW_PASSWORD_REQUIRED").put("Session", session);
            ObjectNode attrs = Json.object();
            user.attributes.forEach(attrs::put);
            out.putObject("ChallengeParameters").put("USER_ID_FOR_SRP", user.username).put("requiredAttributes", "[]")
                .put("userAttributes", attrs.toString());
            return out;
        }
        return authenticated(user, client, true);
    }

    /** RespondToAuthChallenge / AdminRespondToAuthChallenge for NEW_PASSWORD_REQUIRED. */
    ObjectNode respondToAuthChallenge(JsonNode r) {
        AppClient client = client(r);
        if (!"NEW_PASSWORD_REQUIRED".equals(text(r, "ChallengeName"))) {
            throw CognitoError.invalidParameter("devstack's local user pools answer the NEW_PASSWORD_REQUIRED challenge only, not " + text(r, "ChallengeName"));
        }
        String username = sessions.remove(String.valueOf(text(r, "Session")));
        if (username == null) throw CognitoError.notAuthorized("Invalid session for the user, session is expired.");
        User user = users.get(username);
        String password = r.path("ChallengeResponses").path("NEW_PASSWORD").asText(null);
        definition.passwordPolicy().check(password);
        user.passwordHash = PasswordHash.of(password);
        user.status = "CONFIRMED";
        user.modified = Instant.now();
        return authenticated(user, client, true);
    }

    /** GetUser: the user an access token of this pool names. */
    ObjectNode getUser(Map<String, Object> accessClaims) {
        User user = users.get(String.valueOf(accessClaims.get("username")));
        if (user == null) throw CognitoError.notAuthorized("User does not exist.");
        ObjectNode out = Json.object().put("Username", user.username);
        out.set("UserAttributes", attributeList(user));
        return out;
    }

    private ObjectNode refresh(AppClient client, JsonNode params) {
        Refresh refresh = refreshTokens.get(params.path("REFRESH_TOKEN").asText(""));
        if (refresh == null || !refresh.clientId().equals(client.clientId()) || refresh.expires().isBefore(Instant.now())) {
            throw CognitoError.notAuthorized("Invalid Refresh Token");
        }
        User user = users.get(refresh.username());
        if (user == null) throw CognitoError.notAuthorized("Invalid Refresh Token");
        return authenticated(user, client, false);
    }

    private ObjectNode authenticated(User user, AppClient client, boolean withRefreshToken) {
        long now = Instant.now().getEpochSecond();
        String originJti = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("sub", user.sub);
        if (!user.groups.isEmpty()) id.put("cognito:groups", List.copyOf(user.groups));
        user.attributes.forEach((k, v) -> {
            if (!k.equals("sub")) id.put(k, k.endsWith("_verified") ? (Object) Boolean.parseBoolean(v) : v);
        });
        id.put("iss", issuer);
        id.put("cognito:username", user.username);
        id.put("origin_jti", originJti);
        id.put("aud", client.clientId());
        id.put("event_id", eventId);
        id.put("token_use", "id");
        id.put("auth_time", now);
        id.put("exp", now + client.idTokenValidity().toSeconds());
        id.put("iat", now);
        id.put("jti", UUID.randomUUID().toString());
        Map<String, Object> access = new LinkedHashMap<>();
        access.put("sub", user.sub);
        if (!user.groups.isEmpty()) access.put("cognito:groups", List.copyOf(user.groups));
        access.put("iss", issuer);
        access.put("client_id", client.clientId());
        access.put("origin_jti", originJti);
        access.put("event_id", eventId);
        access.put("token_use", "access");
        access.put("scope", "aws.cognito.signin.user.admin");
        access.put("auth_time", now);
        access.put("exp", now + client.accessTokenValidity().toSeconds());
        access.put("iat", now);
        access.put("jti", UUID.randomUUID().toString());
        access.put("username", user.username);
        ObjectNode result = Json.object().put("AccessToken", signer.sign(access)).put("ExpiresIn", client.accessTokenValidity().toSeconds())
            .put("TokenType", "Bearer").put("IdToken", signer.sign(id));
        if (withRefreshToken) {
            String refreshToken = UUID.randomUUID() + "." + UUID.randomUUID();
            refreshTokens.put(refreshToken, new Refresh(user.username, client.clientId(), Instant.now().plus(client.refreshTokenValidity())));
            result.put("RefreshToken", refreshToken);
        }
        ObjectNode out = Json.object();
        out.putObject("ChallengeParameters");
        out.set("AuthenticationResult", result);
        return out;
    }

    private AppClient client(JsonNode r) {
        String clientId = required(r, "ClientId");
        AppClient client = definition.clients().get(clientId);
        if (client == null) throw CognitoError.resourceNotFound("User pool client " + clientId + " does not exist.");
        return client;
    }

    /** A new user; with UsernameAttributes [email] the given name is the email and the username is the sub, as on AWS. */
    private User create(String username, Map<String, String> attributes) {
        boolean emailUsername = definition.usernameAttributes().contains("email");
        if (emailUsername && !username.contains("@")) throw CognitoError.invalidParameter("Username should be an email.");
        if (find(username) != null) throw new CognitoError("UsernameExistsException", "User already exists");
        String sub = UUID.randomUUID().toString();
        User user = new User(emailUsername ? sub : username, sub);
        user.attributes.put("sub", sub);
        user.attributes.putAll(attributes);
        if (emailUsername) user.attributes.put("email", username);
        return user;
    }

    private void register(User user, String asked) {
        if (users.putIfAbsent(user.username, user) != null || (!asked.equals(user.username) && find(asked) != user)) {
            users.remove(user.username, user);
            throw new CognitoError("UsernameExistsException", "User already exists");
        }
    }

    private void confirm(User user) {
        user.status = "CONFIRMED";
        user.confirmationCode = null;
        user.modified = Instant.now();
    }

    private User find(String username) {
        User direct = users.get(username);
        if (direct != null || !definition.usernameAttributes().contains("email")) return direct;
        for (User u : users.values()) if (username.equalsIgnoreCase(u.attributes.get("email"))) return u;
        return null;
    }

    private User existing(String username, AppClient client) {
        User user = find(username);
        if (user == null) {
            throw client != null && client.preventUserExistenceErrors() ? CognitoError.notAuthorized("Incorrect username or password.")
                : CognitoError.userNotFound();
        }
        return user;
    }

    private ObjectNode describe(User user, String attributesField) {
        ObjectNode out = Json.object().put("Username", user.username);
        out.set(attributesField, attributeList(user));
        out.put("UserCreateDate", user.created.toEpochMilli() / 1000.0).put("UserLastModifiedDate", user.modified.toEpochMilli() / 1000.0)
            .put("Enabled", true).put("UserStatus", user.status);
        return out;
    }

    private static ArrayNode attributeList(User user) {
        ArrayNode list = Json.array();
        user.attributes.forEach((k, v) -> list.addObject().put("Name", k).put("Value", v));
        return list;
    }

    private static Map<String, String> attributes(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        if (list != null) list.forEach(a -> out.put(a.path("Name").asText(), a.path("Value").asText()));
        return out;
    }

    private static String mask(String email) {
        int at = email.indexOf('@');
        return at < 1 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String required(JsonNode r, String field) {
        String v = text(r, field);
        if (v == null || v.isEmpty()) throw CognitoError.invalidParameter("1 validation error detected: Value at '" + field.substring(0, 1).toLowerCase()
            + field.substring(1) + "' failed to satisfy constraint: Member must not be null");
        return v;
    }

    List<String> clientIds() { return new ArrayList<>(definition.clients().keySet()); }

    /** The users as JSON (hashes, never passwords), for --persist. */
    synchronized ArrayNode snapshot() {
        ArrayNode list = Json.array();
        for (User u : users.values()) {
            ObjectNode o = list.addObject().put("username", u.username).put("sub", u.sub).put("passwordHash", u.passwordHash)
                .put("status", u.status).put("confirmationCode", u.confirmationCode)
                .put("created", u.created.toString()).put("modified", u.modified.toString());
            u.attributes.forEach(o.putObject("attributes")::put);
            u.groups.forEach(o.putArray("groups")::add);
        }
        return list;
    }

    /** Users saved by {@link #snapshot()} on an earlier run. */
    void restore(JsonNode saved) {
        for (JsonNode o : saved) {
            User u = new User(o.path("username").asText(), o.path("sub").asText());
            u.passwordHash = text(o, "passwordHash");
            u.status = text(o, "status");
            u.confirmationCode = text(o, "confirmationCode");
            u.created = Instant.parse(o.path("created").asText());
            u.modified = Instant.parse(o.path("modified").asText());
            o.path("attributes").properties().forEach(e -> u.attributes.put(e.getKey(), e.getValue().asText()));
            o.path("groups").forEach(g -> u.groups.add(g.asText()));
            users.put(u.username, u);
        }
    }
}
