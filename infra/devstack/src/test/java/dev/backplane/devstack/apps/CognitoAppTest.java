package dev.backplane.devstack.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * The profiles-cognito fixture app (a REST API behind a Cognito user-pool authorizer) used the way its README says:
 * sign up → confirm → sign in → call the protected routes, with the AWS SDK's Cognito client against devstack.
 */
class CognitoAppTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "correct horse 1";

    @Test
    void signUpConfirmSignInAndCallTheProtectedRestApi() throws Exception {
        try (RunningDevstack stack = new RunningDevstack(ThirdPartyAppsTest.APPS.resolve("profiles-cognito/template.yaml"), null);
             CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder().region(Region.US_EAST_1)
                 .endpointOverride(URI.create(stack.devstack.urls().get("Cognito")))
                 .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                 .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String api = stack.devstack.apiGateway().apiUrls().get("ProfilesApi");
            String pool = stack.devstack.intrinsics().resolveString(Map.of("Ref", "UserPool"));
            String client = stack.devstack.intrinsics().resolveString(Map.of("Ref", "UserPoolClient"));
            assertTrue(pool.matches("us-east-1_[A-Za-z0-9]{9}"), pool);

            assertEquals(200, get(api + "/health", null).statusCode(), "Auth: Authorizer: NONE opens a route");
            HttpResponse<String> anonymous = get(api + "/me", null);
            assertEquals(401, anonymous.statusCode());
            assertEquals("{\"message\":\"Unauthorized\"}", anonymous.body());

            assertThrows(InvalidPasswordException.class, () -> cognito.signUp(b -> b.clientId(client).username("ada@example.com").password("short1")),
                "the pool's MinimumLength (10) is enforced");
            var signedUp = cognito.signUp(b -> b.clientId(client).username("ada@example.com").password(PASSWORD)
                .userAttributes(AttributeType.builder().name("name").value("Ada").build()));
            assertEquals(false, signedUp.userConfirmed());
            assertThrows(UsernameExistsException.class, () -> cognito.signUp(b -> b.clientId(client).username("ada@example.com").password(PASSWORD)));
            assertThrows(UserNotConfirmedException.class, () -> signIn(cognito, client, "ada@example.com", PASSWORD));
            assertThrows(CodeMismatchException.class, () -> cognito.confirmSignUp(b -> b.clientId(client).username("ada@example.com").confirmationCode("000000x")));
            String code = Json.parse(get(stack.devstack.urls().get("Cognito") + "/_devstack/pools/" + pool + "/users/ada@example.com/confirmation-code", null)
                .body()).get("code").asText();
            assertTrue(stack.log.lines().stream().anyMatch(l -> l.text().contains("confirmation code for ada@example.com is " + code)),
                "the code Cognito would mail is logged");
            HttpResponse<String> mails = get(stack.devstack.urls().get("Mail") + "/api/messages?to=ada@example.com", null);
            assertTrue(mails.body().contains("Your confirmation code is " + code), "and kept by the mail catcher: " + mails.body());
            cognito.confirmSignUp(b -> b.clientId(client).username("ada@example.com").confirmationCode(code));
            assertThrows(NotAuthorizedException.class, () -> signIn(cognito, client, "ada@example.com", "wrong horse 1"));
            assertThrows(NotAuthorizedException.class, () -> signIn(cognito, client, "nobody@example.com", PASSWORD),
                "PreventUserExistenceErrors: ENABLED hides unknown users");

            AuthenticationResultType tokens = signIn(cognito, client, "ada@example.com", PASSWORD);
            JsonNode id = claims(tokens.idToken());
            assertEquals(stack.devstack.urls().get("Cognito") + "/" + pool, id.get("iss").asText());
            assertEquals("id", id.get("token_use").asText());
            assertEquals(client, id.get("aud").asText());
            assertEquals(id.get("sub").asText(), id.get("cognito:username").asText(), "email usernames: the username is the sub");
            assertTrue(id.get("email_verified").asBoolean(), "confirming with the mailed code verified the email (AutoVerifiedAttributes)");
            JsonNode access = claims(tokens.accessToken());
            assertEquals("access", access.get("token_use").asText());
            assertEquals(client, access.get("client_id").asText());

            HttpResponse<String> me = get(api + "/me", tokens.idToken());
            assertEquals(200, me.statusCode(), me.body());
            JsonNode body = Json.parse(me.body());
            assertEquals("ada@example.com", body.get("email").asText());
            assertEquals("Ada", body.get("name").asText());
            assertEquals("id", body.get("tokenUse").asText());
            assertEquals(401, get(api + "/me", tokens.idToken().substring(0, tokens.idToken().length() - 4) + "AAAA").statusCode(), "bad signature");

            var user = cognito.getUser(b -> b.accessToken(tokens.accessToken()));
            assertTrue(user.userAttributes().stream().anyMatch(a -> a.name().equals("email") && a.value().equals("ada@example.com")));

            // an administrator created by the admin API, then the function's own SDK call (no endpoint set) reaches the local pool
            cognito.adminCreateUser(b -> b.userPoolId(pool).username("grace@example.com").messageAction("SUPPRESS"));
            cognito.adminSetUserPassword(b -> b.userPoolId(pool).username("grace@example.com").password("analytical engine 7").permanent(true));
            cognito.adminAddUserToGroup(b -> b.userPoolId(pool).username("grace@example.com").groupName("admins"));
            assertThrows(InvalidParameterException.class, () -> cognito.adminInitiateAuth(b -> b.userPoolId(pool).clientId(client)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "grace@example.com", "PASSWORD", "analytical engine 7"))),
                "the client's ExplicitAuthFlows do not allow the admin flow");
            AuthenticationResultType admin = signIn(cognito, client, "grace@example.com", "analytical engine 7");
            assertEquals("admins", Json.parse(get(api + "/me", admin.idToken()).body()).get("groups").asText());
            HttpResponse<String> lookup = get(api + "/users/ada@example.com", admin.idToken());
            assertEquals(200, lookup.statusCode(), lookup.body());
            assertEquals("CONFIRMED", Json.parse(lookup.body()).get("status").asText());
            assertEquals(403, get(api + "/users/ada@example.com", tokens.idToken()).statusCode(), "the function checks cognito:groups");

            AuthenticationResultType refreshed = cognito.initiateAuth(b -> b.clientId(client).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))).authenticationResult();
            assertNotEquals(tokens.idToken(), refreshed.idToken());
            assertEquals(200, get(api + "/me", "Bearer " + refreshed.idToken()).statusCode());
        }
    }

    private static AuthenticationResultType signIn(CognitoIdentityProviderClient cognito, String client, String username, String password) {
        return cognito.initiateAuth(b -> b.clientId(client).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
            .authParameters(Map.of("USERNAME", username, "PASSWORD", password))).authenticationResult();
    }

    private static JsonNode claims(String jwt) {
        return Json.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (authorization != null) b.header("Authorization", authorization);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
