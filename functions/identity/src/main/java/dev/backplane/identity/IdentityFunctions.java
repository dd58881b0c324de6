// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import dev.backplane.core.function.FunctionApp;
import dev.backplane.core.function.Lazy;
import dev.backplane.core.http.HttpEndpoint;
import dev.backplane.core.idempotency.Idempotency;
import dev.backplane.core.store.DynamoIdempotencyStore;
import dev.backplane.identity.api.AdminRoutes;
import dev.backplane.identity.api.ProfileRoutes;
import dev.backplane.identity.auth.AuthorizerEvent;
import dev.backplane.identity.auth.LambdaAuthorizer;
import dev.backplane.identity.auth.OidcSettings;
import dev.backplane.identity.auth.TokenAuthorizer;
import dev.backplane.identity.domain.UserAdministration;
import dev.backplane.identity.domain.UserService;
import dev.backplane.identity.store.DynamoUserStore;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Start class of the identity Lambda artifact (manifest Start-Class): the authorizer plus one bean per HTTP route. */
@SpringBootConfiguration
public class IdentityFunctions extends FunctionApp {
    private final Config config;

    public IdentityFunctions() { this(Config.fromEnvironment()); }

    public IdentityFunctions(Config config) { this.config = config; }

    public static void main(String[] args) { FunctionalSpringApplication.run(IdentityFunctions.class, args); }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected void register(Registry registry) {
        Clock clock = Clock.systemUTC();
        Lazy<DynamoDbClient> dynamo = Lazy.of(() -> new AwsClients(config).dynamoDb());
        Lazy<DynamoUserStore> store = Lazy.of(() -> new DynamoUserStore(dynamo.get(), config.require("TABLE_NAME"), clock));
        Lazy<UserService> users = Lazy.of(() -> new UserService(store.get(), clock));
        Lazy<ProfileRoutes> profiles = Lazy.of(() -> new ProfileRoutes(users.get()));
        Lazy<AdminRoutes> admin = Lazy.of(() -> new AdminRoutes(new UserAdministration(store.get(), clock)));
        Lazy<Idempotency> idempotency = Lazy.of(() -> new Idempotency(new DynamoIdempotencyStore(dynamo.get(), config.require("TABLE_NAME"))));

        Lazy<TokenAuthorizer> tokens = Lazy.of(() -> LambdaAuthorizer.create(OidcSettings.from(config), users.get(), clock));
        LambdaAuthorizer authorizer = new LambdaAuthorizer(tokens);
        if ("authorize".equals(config.get("SPRING_CLOUD_FUNCTION_DEFINITION", ""))) {
            tokens.get().prime(() -> store.get().find("__init__")); // only in the authorizer Lambda: others stay lean
        }
        // Declared as an AWS events type: SCF's FunctionInvoker passes such outputs through as JSON, while any other type
        // is wrapped into an API Gateway proxy response ({statusCode, body}) whenever the input looks like an API
        // Gateway event — which an authorizer event does. The returned map is the authorizer's JSON as is.
        registry.function("authorize", AuthorizerEvent.class, (Class<Map<String, Object>>) (Class) SimpleIAMPolicyResponse.class, authorizer);

        http(registry, HttpEndpoint.read("getMe", r -> profiles.get().getMe(r)));
        http(registry, HttpEndpoint.write("updateMe", idempotency, r -> profiles.get().updateMe(r)));
        http(registry, HttpEndpoint.read("getSettings", r -> profiles.get().getSettings(r)));
        http(registry, HttpEndpoint.write("putSettings", idempotency, r -> profiles.get().putSettings(r)));
        http(registry, HttpEndpoint.read("getPublicProfile", r -> profiles.get().getPublicProfile(r)));
        http(registry, HttpEndpoint.read("listUsers", r -> admin.get().listUsers(r)));
        http(registry, HttpEndpoint.write("assignRoles", idempotency, r -> admin.get().assignRoles(r)));
        http(registry, HttpEndpoint.write("suspendUser", idempotency, r -> admin.get().suspendUser(r)));
        http(registry, HttpEndpoint.write("reactivateUser", idempotency, r -> admin.get().reactivateUser(r)));
    }

    private static void http(Registry registry, HttpEndpoint endpoint) {
        registry.function(endpoint.name(), APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, endpoint);
    }
}
