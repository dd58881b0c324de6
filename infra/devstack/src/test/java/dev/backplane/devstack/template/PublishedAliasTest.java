package dev.backplane.devstack.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAM's {@code !Ref Function.Alias} (AutoPublishAlias), as API Gateway authorizers name a published alias. */
class PublishedAliasTest {
    @Test
    void aliasReferencesResolveToTheQualifiedArn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                AutoPublishAlias: live
            Resources:
              Auth:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: auth-fn, Runtime: java25, Handler: h, CodeUri: a.jar }
              Queue:
                Type: AWS::SQS::Queue
            """);
        Template t = Template.load(file);
        Intrinsics i = new Intrinsics(t, Map.of(), "eu-west-1", "123456789012", "http://localhost:1");
        assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:auth-fn:live", i.resolve(Map.of("Ref", "Auth.Alias")));
        assertEquals("arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth-fn:live/invocations",
            i.resolve(Map.of("Fn::Sub", List.of("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${A}/invocations",
                Map.of("A", Map.of("Ref", "Auth.Alias"))))));
        assertEquals("auth-fn", i.resolve(Map.of("Ref", "Auth")));
        assertThrows(TemplateException.class, () -> i.resolve(Map.of("Ref", "Queue.Alias")));
    }
}
