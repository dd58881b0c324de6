// SPDX-License-Identifier: Apache-2.0
package dev.backplane.localstack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The few CloudFormation calls a deployment needs, over its Query API (form POST, SigV4, XML). The SDK's own
 * CloudFormation client is not served in the SDK version every other module uses, and one SDK version is the rule.
 */
final class CloudFormation {
    private static final Set<String> DONE = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "ROLLBACK_COMPLETE",
        "CREATE_FAILED", "ROLLBACK_FAILED", "UPDATE_ROLLBACK_FAILED", "DELETE_COMPLETE", "DELETE_FAILED");
    private final URI endpoint;
    private final String region;
    private final AwsCredentialsIdentity credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    CloudFormation(URI endpoint, String region, String accessKey, String secretKey) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = AwsCredentialsIdentity.create(accessKey, secretKey);
    }

    /** Creates the stack, or updates it when it exists ("no updates" is not an error); returns the final status. */
    String deploy(String stack, String templateUrl, Map<String, String> parameters, Duration timeout) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("StackName", stack);
        form.put("TemplateURL", templateUrl);
        form.put("Capabilities.member.1", "CAPABILITY_IAM");
        form.put("Capabilities.member.2", "CAPABILITY_AUTO_EXPAND");
        int i = 1;
        for (var p : parameters.entrySet()) {
            form.put("Parameters.member." + i + ".ParameterKey", p.getKey());
            form.put("Parameters.member." + i + ".ParameterValue", p.getValue());
            i++;
        }
        boolean exists = status(stack) != null;
        try {
            call(exists ? "UpdateStack" : "CreateStack", form);
        } catch (CloudFormationException e) {
            if (!e.getMessage().contains("No updates are to be performed")) throw e;
            return status(stack);
        }
        return await(stack, timeout);
    }

    /** The stack's status, or null when there is no such stack. */
    String status(String stack) {
        try {
            Document doc = call("DescribeStacks", Map.of("StackName", stack));
            return text(doc.getDocumentElement(), "StackStatus");
        } catch (CloudFormationException e) {
            if (e.getMessage().contains("does not exist")) return null;
            throw e;
        }
    }

    Map<String, String> outputs(String stack) {
        Document doc = call("DescribeStacks", Map.of("StackName", stack));
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Map<String, String> m : members(doc, "Outputs")) outputs.put(m.get("OutputKey"), m.get("OutputValue"));
        return outputs;
    }

    /** Logical id → physical id (a queue's URL, a table's name, a function's name). */
    Map<String, String> resources(String stack) {
        Document doc = call("DescribeStackResources", Map.of("StackName", stack));
        Map<String, String> resources = new LinkedHashMap<>();
        for (Map<String, String> m : members(doc, "StackResources")) resources.put(m.get("LogicalResourceId"), m.get("PhysicalResourceId"));
        return resources;
    }

    /** "Resource: reason" for every failed resource event, newest first: what to print when a deployment fails. */
    List<String> failures(String stack) {
        Document doc = call("DescribeStackEvents", Map.of("StackName", stack));
        List<String> failures = new ArrayList<>();
        for (Map<String, String> m : members(doc, "StackEvents")) {
            if (String.valueOf(m.get("ResourceStatus")).endsWith("FAILED")) {
                failures.add(m.get("LogicalResourceId") + " (" + m.get("ResourceType") + "): " + m.get("ResourceStatusReason"));
            }
        }
        return failures;
    }

    void delete(String stack, Duration timeout) {
        call("DeleteStack", Map.of("StackName", stack));
        await(stack, timeout);
    }

    private String await(String stack, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String status = status(stack);
        while (status != null && !DONE.contains(status) && Instant.now().isBefore(deadline)) {
            sleep();
            status = status(stack);
        }
        return status == null ? "DELETE_COMPLETE" : status;
    }

    private Document call(String action, Map<String, String> parameters) {
        StringBuilder body = new StringBuilder("Action=").append(action).append("&Version=2010-05-15");
        parameters.forEach((k, v) -> body.append('&').append(enc(k)).append('=').append(enc(v)));
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
            .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(unsigned)
            .payload(ContentStreamProvider.fromUtf8String(body.toString()))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudformation")
            .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) values.forEach(v -> request.header(name, v));
        });
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
            if (response.statusCode() >= 300) {
                throw new CloudFormationException(action + ": " + text(doc.getDocumentElement(), "Code") + ": " + text(doc.getDocumentElement(), "Message"));
            }
            return doc;
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new CloudFormationException(action + " at " + endpoint + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudFormationException(action + " interrupted");
        }
    }

    /** The child elements of each {@code member} directly under the first element named {@code list}. */
    private static List<Map<String, String>> members(Document doc, String list) {
        List<Map<String, String>> members = new ArrayList<>();
        var lists = doc.getElementsByTagName(list);
        if (lists.getLength() == 0) return members;
        for (Node member = lists.item(0).getFirstChild(); member != null; member = member.getNextSibling()) {
            if (!(member instanceof Element e) || !e.getTagName().equals("member")) continue;
            Map<String, String> fields = new LinkedHashMap<>();
            for (Node field = e.getFirstChild(); field != null; field = field.getNextSibling()) {
                if (field instanceof Element f) fields.put(f.getTagName(), f.getTextContent());
            }
            members.add(fields);
        }
        return members;
    }

    private static String text(Element root, String tag) {
        var nodes = root.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private static void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudFormationException("interrupted while waiting for the stack");
        }
    }

    static final class CloudFormationException extends RuntimeException {
        CloudFormationException(String message) { super(message); }
    }
}
