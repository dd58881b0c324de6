// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.logs.LogSink;
import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The template's Cognito user pools, served locally: the {@code cognito-idp} JSON 1.1 API that apps and functions
 * call ({@code POST /} with {@code X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>}), and per pool the
 * issuer {@code http://localhost:{port}/{poolId}} with its OIDC discovery document and JWKS at
 * {@code /{poolId}/.well-known/jwks.json}. {@code GET /_devstack/pools/{poolId}/users/{username}/confirmation-code}
 * hands scripts and tests the code Cognito would mail after SignUp.
 */
public final class LocalCognito implements AutoCloseable {
    private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    private final HttpServer server;
    private final Map<String, LocalUserPool> pools = new LinkedHashMap<>();
    private final TokenSigner signer;
    private final Path persistDir;

    private LocalCognito(HttpServer server, TokenSigner signer, Path persistDir) {
        this.server = server;
        this.signer = signer;
        this.persistDir = persistDir;
    }

    /** Where the pools' mails go (devstack's mail catcher): what Cognito would send to a user. */
    @FunctionalInterface
    public interface Mailer {
        void send(String to, String subject, String text);
    }

    /**
     * Null when the template has no user pool. With {@code persistDir} (--persist), users and the signing key are kept
     * there ({@code <poolId>.json}, {@code signing-key.json}), so accounts and unexpired tokens survive a restart.
     */
    public static LocalCognito startIfDeclared(Template template, Intrinsics intrinsics, int port, LogSink log, Mailer mailer, Path persistDir) {
        Map<String, UserPoolDefinitions.Pool> definitions = UserPoolDefinitions.load(template, intrinsics);
        if (definitions.isEmpty()) return null;
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the local Cognito port " + port, e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        LocalCognito cognito = new LocalCognito(server, TokenSigner.keptIn(persistDir), persistDir);
        String base = cognito.url();
        definitions.forEach((id, d) -> {
            LocalUserPool pool = new LocalUserPool(d, base + "/" + id, cognito.signer, log, mailer);
            cognito.load(pool);
            cognito.pools.put(id, pool);
            log.system("Cognito " + d.logicalId() + ": user pool " + id + ", app clients " + d.clients().keySet() + ", issuer " + base + "/" + id);
        });
        server.createContext("/", cognito::handle);
        server.start();
        return cognito;
    }

    /** http://localhost:{port}: what functions get as AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER. */
    public String url() { return "http://localhost:" + server.getAddress().getPort(); }

    /** The issuer of a pool's tokens, http://localhost:{port}/{poolId}. */
    public String issuer(String poolId) { return url() + "/" + poolId; }

    /** The confirmation code of a user who signed up and is not confirmed yet, or null. */
    public String confirmationCode(String poolId, String username) {
        LocalUserPool pool = pools.get(poolId);
        return pool == null ? null : pool.confirmationCode(username);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/")) {
                api(exchange);
            } else if (method.equals("GET") && path.startsWith("/_devstack/pools/") && path.endsWith("/confirmation-code")) {
                String[] parts = path.split("/"); // "", _devstack, pools, poolId, users, username, confirmation-code
                String code = parts.length == 7 ? confirmationCode(parts[3], java.net.URLDecoder.decode(parts[5], StandardCharsets.UTF_8)) : null;
                if (code == null) reply(exchange, 404, "application/json", "{\"message\":\"no unconfirmed user of that name in that pool\"}");
                else reply(exchange, 200, "application/json", Json.object().put("code", code).toString());
            } else if (method.equals("GET") && wellKnown(path) != null) {
                String[] parts = path.split("/");
                LocalUserPool pool = pools.get(parts[1]);
                if (pool == null) reply(exchange, 404, "application/json", "{\"message\":\"User pool " + parts[1] + " does not exist.\"}");
                else if (path.endsWith("jwks.json")) reply(exchange, 200, "application/json", signer.jwks());
                else reply(exchange, 200, "application/json", discovery(pool).toString());
            } else {
                reply(exchange, 404, "application/json", "{\"message\":\"devstack's local Cognito serves the cognito-idp API (POST /) and "
                    + "/{poolId}/.well-known/jwks.json; hosted UI and OAuth endpoints are not emulated\"}");
            }
        } catch (RuntimeException e) {
            reply(exchange, 500, "application/json", Json.object().put("__type", "InternalErrorException").put("message", "local Cognito failed: " + e).toString());
        }
    }

    private static String wellKnown(String path) {
        String[] parts = path.split("/");
        if (parts.length == 4 && parts[2].equals(".well-known") && (parts[3].equals("jwks.json") || parts[3].equals("openid-configuration"))) return parts[3];
        return null;
    }

    private void api(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : String.valueOf(target);
        try {
            JsonNode request;
            try {
                request = Json.parse(exchange.getRequestBody().readAllBytes());
            } catch (UncheckedIOException e) {
                throw new CognitoError("SerializationException", "the request body is not JSON");
            }
            reply(exchange, 200, "application/x-amz-json-1.1", operation(operation, request).toString());
        } catch (CognitoError e) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", e.type());
            exchange.getResponseHeaders().add("x-amzn-ErrorMessage", e.getMessage());
            reply(exchange, 400, "application/x-amz-json-1.1", Json.object().put("__type", e.type()).put("message", e.getMessage()).toString());
        }
    }

    private JsonNode operation(String operation, JsonNode r) {
        JsonNode answer = dispatch(operation, r);
        if (persistDir != null && !operation.equals("GetUser") && !operation.equals("AdminGetUser")) pools.values().forEach(this::save);
        return answer;
    }

    private void load(LocalUserPool pool) {
        if (persistDir == null) return;
        Path file = persistDir.resolve(pool.poolId() + ".json");
        try {
            if (Files.exists(file)) pool.restore(Json.parse(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users of " + pool.poolId() + " from " + file, e);
        }
    }

    private synchronized void save(LocalUserPool pool) {
        try {
            Files.createDirectories(persistDir);
            Path tmp = persistDir.resolve(pool.poolId() + ".json.tmp");
            Files.writeString(tmp, pool.snapshot().toString());
            Files.move(tmp, persistDir.resolve(pool.poolId() + ".json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the users of " + pool.poolId() + " in " + persistDir, e);
        }
    }

    private JsonNode dispatch(String operation, JsonNode r) {
        return switch (operation) {
            case "SignUp" -> byClient(r).signUp(r);
            case "ConfirmSignUp" -> byClient(r).confirmSignUp(r);
            case "InitiateAuth" -> byClient(r).initiateAuth(r, false);
            case "RespondToAuthChallenge" -> byClient(r).respondToAuthChallenge(r);
            case "AdminInitiateAuth" -> byPool(r).initiateAuth(r, true);
            case "AdminRespondToAuthChallenge" -> byPool(r).respondToAuthChallenge(r);
            case "AdminConfirmSignUp" -> byPool(r).adminConfirmSignUp(r);
            case "AdminCreateUser" -> byPool(r).adminCreateUser(r);
            case "AdminSetUserPassword" -> byPool(r).adminSetUserPassword(r);
            case "AdminGetUser" -> byPool(r).adminGetUser(r);
            case "AdminAddUserToGroup" -> byPool(r).adminAddUserToGroup(r);
            case "GetUser" -> getUser(r);
            default -> throw new CognitoError("UnknownOperationException", "devstack's local Cognito does not emulate " + operation
                + "; supported: SignUp, ConfirmSignUp, AdminConfirmSignUp, AdminCreateUser, AdminSetUserPassword, AdminGetUser, "
                + "AdminAddUserToGroup, InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge, AdminRespondToAuthChallenge, GetUser");
        };
    }

    private LocalUserPool byClient(JsonNode r) {
        String clientId = LocalUserPool.required(r, "ClientId");
        for (LocalUserPool pool : pools.values()) if (pool.hasClient(clientId)) return pool;
        throw CognitoError.resourceNotFound("User pool client " + clientId + " does not exist.");
    }

    private LocalUserPool byPool(JsonNode r) {
        String poolId = LocalUserPool.required(r, "UserPoolId");
        LocalUserPool pool = pools.get(poolId);
        if (pool == null) throw CognitoError.resourceNotFound("User pool " + poolId + " does not exist.");
        return pool;
    }

    private JsonNode getUser(JsonNode r) {
        Map<String, Object> claims = signer.verify(LocalUserPool.required(r, "AccessToken"));
        if (claims == null || !"access".equals(claims.get("token_use"))) throw CognitoError.notAuthorized("Invalid Access Token");
        for (LocalUserPool pool : pools.values()) if (pool.issuer().equals(claims.get("iss"))) return pool.getUser(claims);
        throw CognitoError.notAuthorized("Invalid Access Token");
    }

    private static JsonNode discovery(LocalUserPool pool) {
        var doc = Json.object().put("issuer", pool.issuer()).put("jwks_uri", pool.issuer() + "/.well-known/jwks.json");
        doc.putArray("id_token_signing_alg_values_supported").add("RS256");
        doc.putArray("subject_types_supported").add("public");
        doc.putArray("response_types_supported").add("code").add("token");
        return doc;
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() { server.stop(0); }
}
