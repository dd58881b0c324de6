package dev.backplane.devstack.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsics (Ref, GetAtt, Sub, Join, Select, Split, If, Equals, Not, And, Or) the way
 * CloudFormation would for a stack deployed locally. Anything it cannot resolve fails loudly with the path.
 */
public final class Intrinsics {
    public static final String NO_VALUE = "AWS::NoValue";
    /** Pseudo parameters a parameter override of the same name sets (devstack run --stack-name / --partition). */
    public static final String STACK_NAME = "AWS::StackName";
    public static final String PARTITION = "AWS::Partition";
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Template template;
    private final Map<String, Object> parameters;
    private final String region;
    private final String accountId;
    private final String sqsEndpoint;

    /** {@code sqsEndpoint} is the base URL queue URLs are built on (e.g. http://localhost:9324). */
    public Intrinsics(Template template, Map<String, ?> parameterOverrides, String region, String accountId, String sqsEndpoint) {
        this.template = template;
        this.parameters = new LinkedHashMap<>(template.parameters());
        this.parameters.putAll(parameterOverrides);
        this.region = region;
        this.accountId = accountId;
        this.sqsEndpoint = sqsEndpoint;
    }

    public String region() { return region; }

    public String accountId() { return accountId; }

    /** The --stack-name flag, else the template folder's name (as a stack is often named after its project). */
    public String stackName() {
        Object explicit = parameters.get(STACK_NAME);
        if (explicit != null) return String.valueOf(explicit);
        Path dir = template.file().toAbsolutePath().getParent();
        String name = dir == null || dir.getFileName() == null ? "devstack" : dir.getFileName().toString().replaceAll("[^A-Za-z0-9-]", "-");
        return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "devstack-" + name : name;
    }

    public String partition() { return String.valueOf(parameters.getOrDefault(PARTITION, "aws")); }

    /** Resolves a property value; maps and lists are resolved deeply, AWS::NoValue entries are dropped. */
    @SuppressWarnings("unchecked")
    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object arg = map.values().iterator().next();
                if (key.equals("Ref") || key.startsWith("Fn::")) return function(key, arg);
                // {Condition: name} inside Fn::And/Or/Not; IAM's Condition blocks are maps, never plain names
                if (key.equals("Condition") && arg instanceof String name) return condition(name);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                Object r = resolve(v);
                if (r != NoValue.INSTANCE) out.put(k, r);
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object v : list) {
                Object r = resolve(v);
                if (r != NoValue.INSTANCE) out.add(r);
            }
            return out;
        }
        return value;
    }

    public String resolveString(Object value) {
        Object r = resolve(value);
        return r == null || r == NoValue.INSTANCE ? null : String.valueOf(r);
    }

    /** Physical name of a resource (what Ref returns for most types; queue name for queues). */
    public String physicalName(String logicalId) {
        Resource r = template.resource(logicalId);
        return switch (r.type()) {
            case "AWS::DynamoDB::Table" -> literalOr(r, "TableName", logicalId);
            // CloudFormation names a FIFO queue without QueueName <generated>.fifo: SQS requires the suffix
            case "AWS::SQS::Queue" -> literalOr(r, "QueueName",
                "true".equals(String.valueOf(resolve(r.property("FifoQueue")))) ? logicalId + ".fifo" : logicalId);
            case "AWS::Events::EventBus" -> literalOr(r, "Name", logicalId);
            case "AWS::Events::Rule" -> literalOr(r, "Name", logicalId);
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> literalOr(r, "FunctionName", logicalId);
            // local Cognito (dev.backplane.devstack.cognito): Ref of a pool is its id, of an app client the client id
            case "AWS::Cognito::UserPool" -> CognitoIds.userPoolId(region, stackName(), logicalId);
            case "AWS::Cognito::UserPoolClient" -> CognitoIds.clientId(stackName(), logicalId);
            case "AWS::Cognito::UserPoolGroup" -> literalOr(r, "GroupName", logicalId);
            default -> logicalId;
        };
    }

    public String queueUrl(String logicalId) {
        return sqsEndpoint + "/" + accountId + "/" + physicalName(logicalId);
    }

    private String literalOr(Resource r, String property, String fallback) {
        Object v = r.property(property);
        if (v == null) return fallback;
        String s = resolveString(v);
        return s == null ? fallback : s;
    }

    private Object function(String name, Object arg) {
        return switch (name) {
            case "Ref" -> ref(String.valueOf(arg));
            case "Fn::GetAtt" -> getAtt(arg);
            case "Fn::Sub" -> sub(arg);
            case "Fn::Join" -> {
                List<?> a = (List<?>) arg;
                List<?> parts = (List<?>) resolve(a.get(1));
                yield String.join(String.valueOf(a.get(0)), parts.stream().map(String::valueOf).toList());
            }
            case "Fn::Select" -> {
                List<?> a = (List<?>) arg;
                yield ((List<?>) resolve(a.get(1))).get(Integer.parseInt(String.valueOf(resolve(a.get(0)))));
            }
            case "Fn::Split" -> {
                List<?> a = (List<?>) arg;
                yield List.of(resolveString(a.get(1)).split(Pattern.quote(String.valueOf(a.get(0))), -1));
            }
            case "Fn::If" -> {
                List<?> a = (List<?>) arg;
                yield resolve(condition(String.valueOf(a.get(0))) ? a.get(1) : a.get(2));
            }
            case "Fn::Equals" -> {
                List<?> a = (List<?>) arg;
                yield String.valueOf(resolve(a.get(0))).equals(String.valueOf(resolve(a.get(1))));
            }
            case "Fn::Not" -> !Boolean.TRUE.equals(resolve(((List<?>) arg).get(0)));
            case "Fn::And" -> ((List<?>) arg).stream().allMatch(c -> Boolean.TRUE.equals(resolve(c)));
            case "Fn::Or" -> ((List<?>) arg).stream().anyMatch(c -> Boolean.TRUE.equals(resolve(c)));
            case "Fn::Base64" -> java.util.Base64.getEncoder().encodeToString(resolveString(arg).getBytes());
            default -> throw new TemplateException("devstack does not support intrinsic function " + name);
        };
    }

    /** Evaluates a condition of the template's Conditions section (Fn::Equals/Not/And/Or, Condition references). */
    public boolean condition(String conditionName) {
        Object definition = template.conditions().get(conditionName);
        if (definition == null) throw new TemplateException("condition '" + conditionName + "' is not in the Conditions section");
        Object value = resolve(definition);
        if (!(value instanceof Boolean b)) throw new TemplateException("condition '" + conditionName + "' is not a boolean: " + value);
        return b;
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::Region": return region;
            case "AWS::AccountId": return accountId;
            case STACK_NAME: return stackName();
            case "AWS::StackId": return "arn:" + partition() + ":cloudformation:" + region + ":" + accountId + ":stack/" + stackName() + "/local";
            case PARTITION: return partition();
            case "AWS::URLSuffix": return "amazonaws.com";
            case NO_VALUE: return NoValue.INSTANCE;
            default:
        }
        if (parameters.containsKey(name)) return parameters.get(name);
        String published = publishedRef(name);
        if (published != null) return published;
        Resource r = template.resources().get(name);
        if (r == null) throw new TemplateException("!Ref " + name + ": no such parameter or resource");
        return r.type().equals("AWS::SQS::Queue") ? queueUrl(name) : physicalName(name);
    }

    /**
     * SAM's {@code !Ref Function.Alias} / {@code !Ref Function.Version} of a function with AutoPublishAlias: the
     * qualified ARN. Locally every qualifier invokes the one local version of the function.
     */
    private String publishedRef(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0) return null;
        String suffix = name.substring(dot + 1);
        Resource r = template.resources().get(name.substring(0, dot));
        if (r == null || !r.type().equals("AWS::Serverless::Function") || !(suffix.equals("Alias") || suffix.equals("Version"))) return null;
        Object alias = resolve(r.property("AutoPublishAlias"));
        if (alias == null) throw new TemplateException("!Ref " + name + ": " + r.logicalId() + " has no AutoPublishAlias");
        String arn = "arn:" + partition() + ":lambda:" + region + ":" + accountId + ":function:" + physicalName(r.logicalId());
        return arn + ":" + (suffix.equals("Alias") ? alias : "1");
    }

    private Object getAtt(Object arg) {
        List<?> a = arg instanceof String s ? List.of(s.substring(0, s.indexOf('.')), s.substring(s.indexOf('.') + 1)) : (List<?>) arg;
        String id = String.valueOf(a.get(0));
        String attr = String.valueOf(a.get(1));
        Resource r = template.resource(id);
        String name = physicalName(id);
        String arnPrefix = "arn:" + partition() + ":%s:" + region + ":" + accountId + ":";
        return switch (r.type() + "." + attr) {
            case "AWS::DynamoDB::Table.Arn" -> arnPrefix.formatted("dynamodb") + "table/" + name;
            case "AWS::DynamoDB::Table.StreamArn" -> arnPrefix.formatted("dynamodb") + "table/" + name + "/stream/local";
            case "AWS::SQS::Queue.Arn" -> arnPrefix.formatted("sqs") + name;
            case "AWS::SQS::Queue.QueueName" -> name;
            case "AWS::SQS::Queue.QueueUrl" -> queueUrl(id);
            case "AWS::Events::EventBus.Arn" -> arnPrefix.formatted("events") + "event-bus/" + name;
            case "AWS::Events::EventBus.Name" -> name;
            case "AWS::Events::Rule.Arn" -> arnPrefix.formatted("events") + "rule/" + name;
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" -> arnPrefix.formatted("lambda") + "function:" + name;
            case "AWS::Cognito::UserPool.Arn" -> arnPrefix.formatted("cognito-idp") + "userpool/" + name;
            // AWS's shapes: the local JWT/Cognito authorizers map this issuer to the local pool
            case "AWS::Cognito::UserPool.ProviderName" -> "cognito-idp." + region + ".amazonaws.com/" + name;
            case "AWS::Cognito::UserPool.ProviderURL" -> "https://cognito-idp." + region + ".amazonaws.com/" + name;
            case "AWS::Cognito::UserPool.UserPoolId" -> name;
            case "AWS::Cognito::UserPoolClient.ClientId" -> name;
            case "AWS::Cognito::UserPoolClient.ClientSecret" -> {
                if (!"true".equalsIgnoreCase(String.valueOf(resolve(r.property("GenerateSecret"))))) {
                    throw new TemplateException("!GetAtt " + id + ".ClientSecret: the client has no secret (set GenerateSecret: true)");
                }
                yield CognitoIds.clientSecret(stackName(), id);
            }
            default -> standIn(r, attr, name);
        };
    }

    /**
     * Attributes of resources devstack only references (IAM roles, log groups, …): an ARN of the right shape, so
     * a policy or environment variable built from it resolves. Anything else is a loud error naming the blocker.
     */
    private String standIn(Resource r, String attr, String name) {
        String[] type = r.type().split("::");
        boolean emulated = r.type().startsWith("AWS::DynamoDB::") || r.type().startsWith("AWS::SQS::")
            || r.type().startsWith("AWS::Events::") || r.type().endsWith("::Function") || r.type().startsWith("AWS::Cognito::UserPool");
        if (emulated || type.length != 3 || !attr.equals("Arn")) {
            throw new TemplateException("devstack does not support !GetAtt " + r.logicalId() + "." + attr + " (type " + r.type()
                + "): use an attribute devstack knows (Arn of referenced resources, Table.StreamArn, Queue.QueueUrl/QueueName, "
                + "Function.Arn) or a parameter with --param");
        }
        String service = type[1].toLowerCase(java.util.Locale.ROOT);
        String kind = type[2].replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        return switch (r.type()) {
            case "AWS::IAM::Role", "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile", "AWS::IAM::User", "AWS::IAM::Group" ->
                "arn:" + partition() + ":iam::" + accountId + ":" + (kind.equals("managed-policy") ? "policy" : kind) + "/" + name;
            case "AWS::Logs::LogGroup" -> "arn:" + partition() + ":logs:" + region + ":" + accountId + ":log-group:" + literalOr(r, "LogGroupName", name) + ":*";
            case "AWS::S3::Bucket" -> "arn:" + partition() + ":s3:::" + literalOr(r, "BucketName", name.toLowerCase(java.util.Locale.ROOT));
            default -> "arn:" + partition() + ":" + service + ":" + region + ":" + accountId + ":" + kind + "/" + name;
        };
    }

    private Object sub(Object arg) {
        String text;
        Map<String, Object> vars = Map.of();
        if (arg instanceof List<?> a) {
            text = String.valueOf(a.get(0));
            @SuppressWarnings("unchecked") Map<String, Object> v = (Map<String, Object>) a.get(1);
            vars = v;
        } else {
            text = String.valueOf(arg);
        }
        Matcher m = SUB_VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String var = m.group(1);
            Object value;
            if (vars.containsKey(var)) value = resolve(vars.get(var));
            else if (var.contains(".") && !var.startsWith("AWS::")) value = getAtt(var);
            else value = ref(var);
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    /** Marker for AWS::NoValue: the enclosing property is removed. */
    public enum NoValue { INSTANCE }
}
