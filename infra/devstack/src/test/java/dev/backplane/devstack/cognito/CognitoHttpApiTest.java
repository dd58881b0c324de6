package dev.backplane.devstack.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.RunningDevstack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * An HTTP API JWT authorizer whose issuer is {@code !GetAtt Pool.ProviderURL} checks tokens of the local pool; a client
 * with a secret needs SECRET_HASH; unknown operations and the wire format are Cognito's (raw JSON 1.1, as browser
 * libraries call it).
 */
class CognitoHttpApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void httpApiJwtAuthorizerAcceptsTokensOfTheLocalPool() throws Exception {
        try (RunningDevstack stack = new RunningDevstack("cognito-http-jwt.yaml")) {
            String cognito = stack.devstack.urls().get("Cognito");
            String pool = stack.devstack.intrinsics().resolveString(Map.of("Ref", "Users"));
            String client = stack.devstack.intrinsics().resolveString(Map.of("Ref", "ServerClient"));
            String secret = stack.devstack.intrinsics().resolveString(Map.of("Fn::GetAtt", java.util.List.of("ServerClient", "ClientSecret")));

            HttpResponse<String> weak = call(cognito, "AdminCreateUser", "{\"UserPoolId\":\"" + pool + "\",\"Username\":\"svc\",\"TemporaryPassword\":\"Short1!\"}");
            assertEquals(400, weak.statusCode());
            assertEquals("InvalidPasswordException", Json.parse(weak.body()).get("__type").asText());
            assertEquals(200, call(cognito, "AdminCreateUser", "{\"UserPoolId\":\"" + pool + "\",\"Username\":\"svc\",\"TemporaryPassword\":\"Temporary-Pass1\"}").statusCode());
            String login = "{\"UserPoolId\":\"" + pool + "\",\"ClientId\":\"" + client + "\",\"AuthFlow\":\"ADMIN_USER_PASSWORD_AUTH\","
                + "\"AuthParameters\":{\"USERNAME\":\"svc\",\"PASSWORD\":\"%s\"%s}}";
            HttpResponse<String> noHash = call(cognito, "AdminInitiateAuth", login.formatted("Temporary-Pass1", ""));
            assertEquals("NotAuthorizedException", Json.parse(noHash.body()).get("__type").asText(), noHash.body());
            String hash = ",\"SECRET_HASH\":\"" + secretHash(secret, "svc", client) + "\"";
            JsonNode challenge = Json.parse(call(cognito, "AdminInitiateAuth", login.formatted("Temporary-Pass1", hash)).body());
            assertEquals("NEW_PASSWORD_REQUIRED", challenge.get("ChallengeName").asText(), "an admin-created user must set a password first");
            JsonNode result = Json.parse(call(cognito, "AdminRespondToAuthChallenge", "{\"UserPoolId\":\"" + pool + "\",\"ClientId\":\"" + client
                + "\",\"ChallengeName\":\"NEW_PASSWORD_REQUIRED\",\"Session\":\"" + challenge.get("Session").asText()
                + "\",\"ChallengeResponses\":{\"USERNAME\":\"svc\",\"NEW_PASSWORD\":\"Permanent-Pass1\"" + hash + "}}").body());
            String idToken = result.path("AuthenticationResult").path("IdToken").asText();
            String accessToken = result.path("AuthenticationResult").path("AccessToken").asText();

            String api = stack.devstack.apiGateway().apiUrls().get("Api");
            assertEquals(401, get(api + "/echo", null).statusCode());
            HttpResponse<String> ok = get(api + "/echo", "Bearer " + idToken);
            assertEquals(200, ok.statusCode(), ok.body());
            JsonNode echoed = Json.parse(ok.body());
            JsonNode claims = echoed.at("/event/requestContext/authorizer/jwt/claims");
            assertEquals("svc", claims.get("cognito:username").asText());
            assertEquals(cognito + "/" + pool, claims.get("iss").asText());
            assertEquals(200, get(api + "/echo", "Bearer " + accessToken).statusCode(), "access tokens carry client_id, which the audience accepts");
            JsonNode jwks = Json.parse(get(cognito + "/" + pool + "/.well-known/jwks.json", null).body());
            assertEquals("RS256", jwks.at("/keys/0/alg").asText());

            HttpResponse<String> unknown = call(cognito, "ListUsers", "{\"UserPoolId\":\"" + pool + "\"}");
            assertEquals(400, unknown.statusCode());
            assertTrue(Json.parse(unknown.body()).get("message").asText().contains("does not emulate ListUsers"), unknown.body());
            assertEquals("arn:aws:cognito-idp:us-east-1:000000000000:userpool/" + pool,
                stack.devstack.intrinsics().resolveString(Map.of("Fn::GetAtt", java.util.List.of("Users", "Arn"))));
        }
    }

    @Test
    void withPersistUsersAndTheirTokensSurviveARestart() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("devstack-cognito-persist");
        String idToken;
        try (RunningDevstack stack = new RunningDevstack("cognito-http-jwt.yaml", dir)) {
            String pool = stack.devstack.intrinsics().resolveString(Map.of("Ref", "Users"));
            call(stack.devstack.urls().get("Cognito"), "AdminCreateUser", "{\"UserPoolId\":\"" + pool + "\",\"Username\":\"kept\"}");
            call(stack.devstack.urls().get("Cognito"), "AdminSetUserPassword", "{\"UserPoolId\":\"" + pool
                + "\",\"Username\":\"kept\",\"Password\":\"Permanent-Pass1\",\"Permanent\":true}");
            idToken = signIn(stack, "kept", "Permanent-Pass1");
        }
        try (var files = java.nio.file.Files.list(dir.resolve("cognito"))) {
            String saved = files.filter(f -> f.getFileName().toString().startsWith("us-east-1_")).map(f -> {
                try {
                    return java.nio.file.Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).findFirst().orElseThrow();
            assertTrue(saved.contains("\"kept\"") && !saved.contains("Permanent-Pass1"), "the user is kept with a hash, never the password: " + saved);
        }
        try (RunningDevstack stack = new RunningDevstack("cognito-http-jwt.yaml", dir)) {
            String again = signIn(stack, "kept", "Permanent-Pass1");
            assertEquals(claims(idToken).get("sub"), claims(again).get("sub"), "the same user is still there");
            assertEquals(claims(idToken).get("kid"), claims(again).get("kid"), "signed with the kept key");
        }
    }

    /** The token's header and claims in one node (kid from the header). */
    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        node.set("kid", Json.parse(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)).get("kid"));
        return node;
    }

    private static String signIn(RunningDevstack stack, String username, String password) throws Exception {
        String pool = stack.devstack.intrinsics().resolveString(Map.of("Ref", "Users"));
        String client = stack.devstack.intrinsics().resolveString(Map.of("Ref", "ServerClient"));
        String secret = stack.devstack.intrinsics().resolveString(Map.of("Fn::GetAtt", java.util.List.of("ServerClient", "ClientSecret")));
        HttpResponse<String> r = call(stack.devstack.urls().get("Cognito"), "AdminInitiateAuth", "{\"UserPoolId\":\"" + pool + "\",\"ClientId\":\""
            + client + "\",\"AuthFlow\":\"ADMIN_USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":\"" + username + "\",\"PASSWORD\":\""
            + password + "\",\"SECRET_HASH\":\"" + secretHash(secret, username, client) + "\"}}");
        assertEquals(200, r.statusCode(), r.body());
        return Json.parse(r.body()).at("/AuthenticationResult/IdToken").asText();
    }

    @Test
    void aPoolWithLambdaTriggersStopsStartupNamingTheProperty() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("devstack-cognito");
        java.nio.file.Path template = dir.resolve("template.yaml");
        java.nio.file.Files.writeString(template, """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Pool:
                Type: AWS::Cognito::UserPool
                Properties:
                  LambdaConfig: { PreSignUp: arn:aws:lambda:us-east-1:000000000000:function:x }
            """);
        var e = assertThrows(RuntimeException.class, () -> new RunningDevstack(template, null).close());
        assertTrue(e.getMessage().contains("Pool (AWS::Cognito::UserPool).LambdaConfig"), e.getMessage());
    }

    private static String secretHash(String secret, String username, String client) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal((username + client).getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> call(String endpoint, String operation, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/")).header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (authorization != null) b.header("Authorization", authorization);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
