// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's Cognito user pools as authorizers see them: a pool's AWS issuer
 * ({@code https://cognito-idp.{region}.amazonaws.com/{poolId}}, what {@code !GetAtt Pool.ProviderURL} gives) stands
 * for the local pool's issuer {@code {AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER}/{poolId}}, read on first use.
 */
final class LocalUserPools {
    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER";
    private static final Pattern AWS_ISSUER = Pattern.compile("https://cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com/([A-Za-z0-9-]+_[A-Za-z0-9]+)/?");
    private static final Pattern POOL_ARN = Pattern.compile("arn:[a-z-]+:cognito-idp:[a-z0-9-]+:\\d+:userpool/([A-Za-z0-9-]+_[A-Za-z0-9]+)");

    private final Set<String> poolIds = new LinkedHashSet<>();
    private final Supplier<Map<String, String>> endpoints;

    LocalUserPools(Template template, Intrinsics intrinsics, Supplier<Map<String, String>> endpoints) {
        this.endpoints = endpoints;
        for (Resource r : template.ofType("AWS::Cognito::UserPool")) poolIds.add(intrinsics.resolveString(Map.of("Ref", r.logicalId())));
    }

    /** The issuer to verify against: the local pool's for a local pool's AWS issuer, else the configured one. */
    Supplier<String> issuer(String configured) {
        Matcher m = AWS_ISSUER.matcher(configured);
        return m.matches() && poolIds.contains(m.group(1)) ? localIssuer(m.group(1)) : () -> configured;
    }

    /** The pool id in a {@code UserPoolArn}; only the template's own pools can be checked locally. */
    String poolOfArn(String arn, String where) {
        Matcher m = POOL_ARN.matcher(arn);
        if (!m.matches() || !poolIds.contains(m.group(1))) {
            throw new TemplateException(where + ": '" + arn + "' is not the Arn of an AWS::Cognito::UserPool of this template (use !GetAtt "
                + "UserPool.Arn); devstack checks tokens against its local pools only");
        }
        return m.group(1);
    }

    Supplier<String> localIssuer(String poolId) {
        return () -> {
            String base = endpoints.get().get(ENDPOINT_VARIABLE);
            if (base == null) throw new IllegalStateException("the local Cognito is not running");
            return base + "/" + poolId;
        };
    }
}
