// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Evaluates a Lambda authorizer's IAM policy for execute-api:Invoke on one ARN: an explicit Deny wins, else an Allow is needed. */
final class IamPolicy {
    private IamPolicy() {}

    static boolean allows(JsonNode policyDocument, String resourceArn) {
        if (policyDocument == null || !policyDocument.has("Statement")) return false;
        boolean allowed = false;
        for (JsonNode statement : list(policyDocument.get("Statement"))) {
            if (!matchesAny(list(statement.get("Action")), "execute-api:Invoke")) continue;
            if (!matchesAny(list(statement.get("Resource")), resourceArn)) continue;
            String effect = statement.path("Effect").asText();
            if (effect.equalsIgnoreCase("Deny")) return false;
            if (effect.equalsIgnoreCase("Allow")) allowed = true;
        }
        return allowed;
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (node.isArray()) node.forEach(out::add);
        else out.add(node);
        return out;
    }

    private static boolean matchesAny(List<JsonNode> patterns, String value) {
        for (JsonNode p : patterns) if (glob(p.asText(), value)) return true;
        return false;
    }

    /** IAM wildcards: * any run of characters, ? one character. */
    static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }
}
