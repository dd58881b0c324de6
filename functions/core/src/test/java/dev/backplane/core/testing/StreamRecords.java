package dev.backplane.core.testing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Reads a table's real DynamoDB Local stream and presents the records as Lambda's DynamodbEvent. */
public final class StreamRecords {
    private StreamRecords() {}

    public static DynamodbEvent readAll(String table) { return readAll(LocalDynamo.client(), LocalDynamo.streams(), table); }

    /** The same against any DynamoDB with streams (e.g. LocalStack). */
    public static DynamodbEvent readAll(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, DynamoDbStreamsClient streams, String table) {
        String arn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
        for (var shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                var page = streams.getRecords(GetRecordsRequest.builder().shardIterator(iterator).build());
                page.records().forEach(r -> out.add(toLambda(r, arn)));
                if (page.records().isEmpty()) break;
                iterator = page.nextShardIterator();
            }
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(out);
        return event;
    }

    static DynamodbEvent.DynamodbStreamRecord toLambda(Record r, String arn) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(r.eventID());
        record.setEventName(r.eventNameAsString());
        record.setEventSource("aws:dynamodb");
        record.setEventSourceARN(arn);
        StreamRecord sr = new StreamRecord();
        sr.setSequenceNumber(r.dynamodb().sequenceNumber());
        sr.setKeys(convert(r.dynamodb().keys()));
        if (r.dynamodb().hasNewImage()) sr.setNewImage(convert(r.dynamodb().newImage()));
        record.setDynamodb(sr);
        return record;
    }

    private static Map<String, AttributeValue> convert(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> in) {
        Map<String, AttributeValue> out = new HashMap<>();
        in.forEach((k, v) -> {
            AttributeValue a = new AttributeValue();
            if (v.s() != null) a.setS(v.s());
            if (v.n() != null) a.setN(v.n());
            out.put(k, a);
        });
        return out;
    }
}
