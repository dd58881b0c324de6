package dev.backplane.devstack.sqs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backplane.devstack.Json;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** SQS messages as Lambda delivers them: the {@code Records[]} of an SQSEvent, field for field. */
public final class SqsRecords {
    private SqsRecords() {}

    public static ObjectNode record(Message m, String queueArn, String region) {
        ObjectNode r = Json.object();
        r.put("messageId", m.messageId());
        r.put("receiptHandle", m.receiptHandle());
        r.put("body", m.body());
        ObjectNode attributes = r.putObject("attributes");
        m.attributesAsStrings().forEach(attributes::put);
        ObjectNode messageAttributes = r.putObject("messageAttributes");
        m.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
        r.put("md5OfBody", m.md5OfBody());
        if (m.md5OfMessageAttributes() != null) r.put("md5OfMessageAttributes", m.md5OfMessageAttributes());
        r.put("eventSource", "aws:sqs");
        r.put("eventSourceARN", queueArn);
        r.put("awsRegion", region);
        return r;
    }

    private static ObjectNode attribute(MessageAttributeValue v) {
        ObjectNode a = Json.object();
        if (v.stringValue() != null) a.put("stringValue", v.stringValue());
        if (v.binaryValue() != null) a.put("binaryValue", Base64.getEncoder().encodeToString(v.binaryValue().asByteArray()));
        a.set("stringListValues", Json.tree(v.stringListValues() == null ? List.of() : v.stringListValues()));
        a.set("binaryListValues", Json.tree(v.binaryListValues() == null ? List.of()
            : v.binaryListValues().stream().map(b -> Base64.getEncoder().encodeToString(b.asByteArray())).toList()));
        a.put("dataType", v.dataType());
        return a;
    }

    /** The record as event filtering sees it: a JSON body is matched as JSON (AWS's rule), anything else as a string. */
    public static String forFiltering(ObjectNode record) {
        var body = Json.tryParse(record.get("body").asText());
        if (body == null || !body.isObject()) return record.toString();
        ObjectNode copy = record.deepCopy();
        copy.set("body", body);
        return copy.toString();
    }
}
