package dev.backplane.core.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the caller from {@code requestContext.authorizer}, whichever authorizer produced it: an HTTP API JWT
 * authorizer ({@code jwt.claims}) or our Lambda authorizer ({@code lambda} context: userId, email, roles).
 * The only place handlers learn who is calling, so swapping authorizers never touches a handler.
 */
public final class CallerResolver {
    /** Claims that carry roles, in order of preference (Cognito groups, Keycloak realm roles flattened, generic). */
    private static final List<String> ROLE_CLAIMS = List.of("roles", "cognito:groups", "groups");

    private CallerResolver() {}

    public static Optional<Caller> resolve(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null) return Optional.empty();
        var authorizer = context.getAuthorizer();
        Map<String, Object> lambda = authorizer.getLambda();
        if (lambda != null && lambda.get("userId") != null) {
            return Optional.of(new Caller(String.valueOf(lambda.get("userId")), stringOrNull(lambda.get("email")),
                parseRoles(lambda.get("roles"))));
        }
        if (authorizer.getJwt() != null && authorizer.getJwt().getClaims() != null) {
            Map<String, String> claims = authorizer.getJwt().getClaims();
            String sub = claims.get("sub");
            if (sub == null || sub.isBlank()) return Optional.empty();
            List<String> roles = ROLE_CLAIMS.stream().map(claims::get).filter(v -> v != null && !v.isBlank())
                .findFirst().map(CallerResolver::parseRoles).orElse(List.of());
            return Optional.of(new Caller(sub, claims.get("email"), roles.isEmpty() ? List.of("user") : roles));
        }
        return Optional.empty();
    }

    /**
     * Accepts "a,b", "a b", "[a b]" (how API Gateway renders array claims) and JSON-ish "[\"a\",\"b\"]". Public for
     * authorizer contexts that are not HTTP API events (WebSocket routes carry the same context as flat keys).
     */
    public static List<String> parseRoles(Object raw) {
        if (raw == null) return List.of();
        if (raw instanceof List<?> list) return list.stream().map(String::valueOf).toList();
        String text = String.valueOf(raw).replaceAll("[\\[\\]\"]", " ");
        return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
    }

    private static String stringOrNull(Object o) { return o == null ? null : String.valueOf(o); }
}
