package dev.backplane.devstack.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template forms devstack rewrites or resolves as CloudFormation would: Include, SimpleTable, mappings, stand-ins, pseudo parameters. */
class SamShorthandsTest {

    static Template load(String yaml, Map<String, String> files) throws Exception {
        Path dir = Files.createTempDirectory("shorthands").resolve("my-app");
        Files.createDirectories(dir);
        for (var f : files.entrySet()) Files.writeString(dir.resolve(f.getKey()), f.getValue());
        Files.writeString(dir.resolve("template.yaml"), yaml);
        return Template.load(dir.resolve("template.yaml"));
    }

    static final String APP = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Items:
            Type: AWS::Serverless::SimpleTable
            Properties:
              PrimaryKey: { Name: sku, Type: Number }
          Jobs:
            Type: AWS::SQS::Queue
          Role:
            Type: AWS::IAM::Role
          Logs:
            Type: AWS::Logs::LogGroup
            Properties: { LogGroupName: /app/logs }
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java21
              Handler: a.B
              CodeUri: worker.jar
              Role: !GetAtt Role.Arn
              Environment:
                Variables:
                  Fn::Transform: { Name: AWS::Include, Parameters: { Location: env.yaml } }
          Mapping:
            Type: AWS::Lambda::EventSourceMapping
            Properties:
              EventSourceArn: !GetAtt Jobs.Arn
              FunctionName: !Ref Worker
              BatchSize: 3
        """;

    @Test
    void rewritesShorthandsAndResolvesStandInsAndPseudoParameters() throws Exception {
        Template t = load(APP, Map.of("env.yaml", "STACK: !Ref AWS::StackName\nLOGS: !GetAtt Logs.Arn\nPART: !Sub '${AWS::Partition}'\n"));
        Resource items = t.resource("Items");
        assertEquals("AWS::DynamoDB::Table", items.type());
        assertEquals(List.of(Map.of("AttributeName", "sku", "AttributeType", "N")), items.property("AttributeDefinitions"));
        Map<String, Object> event = (Map<String, Object>) t.resource("Worker").map("Events").get("Mapping");
        assertEquals("SQS", event.get("Type"));
        assertEquals(3, ((Map<?, ?>) event.get("Properties")).get("BatchSize"));

        Intrinsics defaults = new Intrinsics(t, Map.of(), "eu-west-1", "123456789012", "http://localhost:1");
        Map<?, ?> env = (Map<?, ?>) defaults.resolve(t.resource("Worker").map("Environment").get("Variables"));
        assertEquals("my-app", env.get("STACK"), "stack name defaults to the project folder");
        assertEquals("arn:aws:logs:eu-west-1:123456789012:log-group:/app/logs:*", env.get("LOGS"));
        assertEquals("arn:aws:iam::123456789012:role/Role", defaults.resolve(t.resource("Worker").property("Role")));

        Intrinsics flagged = new Intrinsics(t, Map.of(Intrinsics.STACK_NAME, "shop", Intrinsics.PARTITION, "aws-cn"), "cn-north-1", "1", "http://x");
        Map<?, ?> env2 = (Map<?, ?>) flagged.resolve(t.resource("Worker").map("Environment").get("Variables"));
        assertEquals("shop", env2.get("STACK"));
        assertEquals("aws-cn", env2.get("PART"));
    }

    @Test
    void errorsNameTheResourceThePropertyAndWhatToDo() throws Exception {
        TemplateException kinesis = assertThrows(TemplateException.class, () -> load("""
            Resources:
              Stream: { Type: AWS::Kinesis::Stream }
              F: { Type: AWS::Serverless::Function, Properties: { Runtime: java21, Handler: a.B, CodeUri: f.jar } }
              M:
                Type: AWS::Lambda::EventSourceMapping
                Properties: { EventSourceArn: !GetAtt Stream.Arn, FunctionName: !Ref F, StartingPosition: LATEST }
            """, Map.of()));
        assertTrue(kinesis.getMessage().startsWith("M (AWS::Lambda::EventSourceMapping): EventSourceArn"), kinesis.getMessage());
        TemplateException include = assertThrows(TemplateException.class, () -> load("""
            Resources:
              Fn::Transform: { Name: AWS::Include, Parameters: { Location: missing.yaml } }
            """, Map.of()));
        assertTrue(include.getMessage().contains("file not found") && include.getMessage().contains("missing.yaml"), include.getMessage());
        Template t = load(APP, Map.of("env.yaml", "A: b\n"));
        TemplateException attr = assertThrows(TemplateException.class,
            () -> new Intrinsics(t, Map.of(), "r", "1", "x").resolve(Map.of("Fn::GetAtt", List.of("Role", "RoleId"))));
        assertTrue(attr.getMessage().contains("Role.RoleId"), attr.getMessage());
    }
}
