// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import dev.backplane.devstack.template.Intrinsics;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import dev.backplane.devstack.template.TemplateException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a function reference (ARN, API Gateway integration URI) back into the template's function logical id. */
final class FunctionRefs {
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:/]+)(?::[^/]+)?");

    private final Map<String, String> logicalIdByName = new HashMap<>();

    FunctionRefs(Template template, Intrinsics intrinsics) {
        for (Resource r : template.resources().values()) {
            if (r.type().equals("AWS::Serverless::Function") || r.type().equals("AWS::Lambda::Function")) {
                logicalIdByName.put(intrinsics.physicalName(r.logicalId()), r.logicalId());
                logicalIdByName.putIfAbsent(r.logicalId(), r.logicalId());
            }
        }
    }

    /** Accepts a Lambda function ARN or an apigateway "...:lambda:path/2015-03-31/functions/{arn}/invocations" URI. */
    String logicalId(String reference, String where) {
        if (reference == null) throw new TemplateException(where + ": missing function reference");
        Matcher m = FUNCTION_ARN.matcher(reference);
        String name = m.find() ? m.group(1) : reference;
        String id = logicalIdByName.get(name);
        if (id == null) {
            throw new TemplateException(where + ": '" + reference + "' does not name a function of this template");
        }
        return id;
    }
}
