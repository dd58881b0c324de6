// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.devstack.template.TemplateException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unsupported template features fail at start, naming the resource and the property. */
class TemplateErrorsTest {
    @Test
    void customDomainIsRejectedLoudly() {
        TemplateException e = assertThrows(TemplateException.class,
            () -> Fixtures.start("unsupported-property.yaml", new InProcessFunctions(), Map.of()));
        assertTrue(e.getMessage().contains("'Domain'") && e.getMessage().contains("Api (AWS::Serverless::HttpApi)"), e.getMessage());
    }

    @Test
    void iamAuthorizedWebSocketRouteIsRejectedLoudly() {
        TemplateException e = assertThrows(TemplateException.class,
            () -> Fixtures.start("unsupported-route-auth.yaml", new InProcessFunctions(), Map.of()));
        assertTrue(e.getMessage().contains("AWS_IAM") && e.getMessage().contains("Route (AWS::ApiGatewayV2::Route)"), e.getMessage());
    }
}
