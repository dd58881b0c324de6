package dev.backplane.devstack.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backplane.devstack.Json;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** DynamoDB stream records as Lambda delivers them: the {@code Records[]} of a DynamodbEvent, field for field. */
public final class StreamRecords {
    private StreamRecords() {}

    public static ObjectNode record(Record r, String streamArn, String region) {
        ObjectNode out = Json.object();
        out.put("eventID", r.eventID());
        out.put("eventName", r.eventNameAsString());
        out.put("eventVersion", r.eventVersion() == null ? "1.1" : r.eventVersion());
        out.put("eventSource", "aws:dynamodb");
        out.put("awsRegion", region);
        StreamRecord s = r.dynamodb();
        ObjectNode d = out.putObject("dynamodb");
        if (s.approximateCreationDateTime() != null) d.put("ApproximateCreationDateTime", s.approximateCreationDateTime().getEpochSecond());
        if (s.hasKeys()) d.set("Keys", AttributeValueJson.item(s.keys()));
        if (s.hasNewImage()) d.set("NewImage", AttributeValueJson.item(s.newImage()));
        if (s.hasOldImage()) d.set("OldImage", AttributeValueJson.item(s.oldImage()));
        d.put("SequenceNumber", s.sequenceNumber());
        d.put("SizeBytes", s.sizeBytes());
        d.put("StreamViewType", s.streamViewTypeAsString());
        out.put("eventSourceARN", streamArn);
        if (r.userIdentity() != null) {
            ObjectNode identity = out.putObject("userIdentity");
            identity.put("type", r.userIdentity().type());
            identity.put("principalId", r.userIdentity().principalId());
        }
        return out;
    }
}
