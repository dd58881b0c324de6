// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.cognito;

import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the template's {@code AWS::Cognito::UserPool}, {@code UserPoolClient} and {@code UserPoolGroup} resources.
 * What a local pool cannot honour (Lambda triggers, required MFA) stops startup naming the resource and property.
 */
public final class UserPoolDefinitions {
    /** What a pool is made of. */
    record Pool(String logicalId, String poolId, String name, PasswordPolicy passwordPolicy, Set<String> usernameAttributes,
                Set<String> autoVerifiedAttributes, Map<String, AppClient> clients, Set<String> groups) {}

    private UserPoolDefinitions() {}

    /** Validates every pool, client and group; call before anything starts. */
    public static void validate(Template template, Intrinsics intrinsics) { load(template, intrinsics); }

    static Map<String, Pool> load(Template template, Intrinsics intrinsics) {
        Map<String, Pool> pools = new LinkedHashMap<>();
        for (Resource r : template.ofType("AWS::Cognito::UserPool")) {
            @SuppressWarnings("unchecked") Map<String, Object> p = (Map<String, Object>) intrinsics.resolve(r.properties());
            if (p.get("LambdaConfig") instanceof Map<?, ?> triggers && !triggers.isEmpty()) {
                throw new TemplateException(r.logicalId() + " (AWS::Cognito::UserPool).LambdaConfig: devstack's local user pools do not run "
                    + "Cognito triggers " + triggers.keySet() + "; remove them for local runs (e.g. with a Condition) or test triggers by invoking the function");
            }
            if ("ON".equals(p.get("MfaConfiguration"))) {
                throw new TemplateException(r.logicalId() + " (AWS::Cognito::UserPool).MfaConfiguration: ON (required MFA) is not emulated; use OFF or OPTIONAL locally");
            }
            String poolId = intrinsics.resolveString(Map.of("Ref", r.logicalId()));
            pools.put(poolId, new Pool(r.logicalId(), poolId, String.valueOf(p.getOrDefault("UserPoolName", r.logicalId())),
                passwordPolicy(p.get("Policies")), new LinkedHashSet<>(strings(p.get("UsernameAttributes"))),
                new LinkedHashSet<>(strings(p.get("AutoVerifiedAttributes"))), new LinkedHashMap<>(),
                new LinkedHashSet<>()));
        }
        for (Resource r : template.ofType("AWS::Cognito::UserPoolClient")) {
            @SuppressWarnings("unchecked") Map<String, Object> p = (Map<String, Object>) intrinsics.resolve(r.properties());
            Pool pool = pool(pools, p.get("UserPoolId"), r);
            String clientId = intrinsics.resolveString(Map.of("Ref", r.logicalId()));
            boolean secret = "true".equalsIgnoreCase(String.valueOf(p.get("GenerateSecret")));
            Map<?, ?> units = p.get("TokenValidityUnits") instanceof Map<?, ?> m ? m : Map.of();
            List<String> flows = strings(p.get("ExplicitAuthFlows"));
            pool.clients().put(clientId, new AppClient(r.logicalId(), clientId,
                secret ? intrinsics.resolveString(Map.of("Fn::GetAtt", List.of(r.logicalId(), "ClientSecret"))) : null,
                flows.isEmpty() ? AppClient.DEFAULT_FLOWS : Set.copyOf(flows),
                "ENABLED".equals(p.get("PreventUserExistenceErrors")),
                validity(p.get("AccessTokenValidity"), units.get("AccessToken"), ChronoUnit.HOURS, Duration.ofHours(1)),
                validity(p.get("IdTokenValidity"), units.get("IdToken"), ChronoUnit.HOURS, Duration.ofHours(1)),
                validity(p.get("RefreshTokenValidity"), units.get("RefreshToken"), ChronoUnit.DAYS, Duration.ofDays(30))));
        }
        for (Resource r : template.ofType("AWS::Cognito::UserPoolGroup")) {
            @SuppressWarnings("unchecked") Map<String, Object> p = (Map<String, Object>) intrinsics.resolve(r.properties());
            pool(pools, p.get("UserPoolId"), r).groups().add(String.valueOf(p.getOrDefault("GroupName", r.logicalId())));
        }
        return pools;
    }

    private static Pool pool(Map<String, Pool> pools, Object poolId, Resource r) {
        Pool pool = pools.get(String.valueOf(poolId));
        if (pool == null) {
            throw new TemplateException(r.logicalId() + " (" + r.type() + ").UserPoolId: '" + poolId
                + "' is not an AWS::Cognito::UserPool of this template (use !Ref UserPool); devstack runs only the template's own pools");
        }
        return pool;
    }

    private static PasswordPolicy passwordPolicy(Object policies) {
        if (!(policies instanceof Map<?, ?> m) || !(m.get("PasswordPolicy") instanceof Map<?, ?> pp)) return PasswordPolicy.COGNITO_DEFAULT;
        return new PasswordPolicy(pp.get("MinimumLength") == null ? 8 : Integer.parseInt(String.valueOf(pp.get("MinimumLength"))),
            flag(pp.get("RequireUppercase")), flag(pp.get("RequireLowercase")), flag(pp.get("RequireNumbers")), flag(pp.get("RequireSymbols")));
    }

    private static boolean flag(Object v) { return "true".equalsIgnoreCase(String.valueOf(v)); }

    private static Duration validity(Object amount, Object unit, ChronoUnit defaultUnit, Duration fallback) {
        if (amount == null) return fallback;
        ChronoUnit u = unit == null ? defaultUnit : switch (String.valueOf(unit)) {
            case "seconds" -> ChronoUnit.SECONDS;
            case "minutes" -> ChronoUnit.MINUTES;
            case "days" -> ChronoUnit.DAYS;
            default -> ChronoUnit.HOURS;
        };
        return Duration.of(Long.parseLong(String.valueOf(amount)), u);
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) l.forEach(x -> out.add(String.valueOf(x)));
        return out;
    }
}
