// SPDX-License-Identifier: Apache-2.0
package dev.backplane.core.function;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Record;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTime;
import tools.jackson.core.JsonParser;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads a raw invocation payload into its aws-lambda-java-events object with the same result as the Lambda Java
 * runtime's own event serializers (aws-lambda-java-serialization), but with the Jackson 3 that Spring Cloud Function
 * already loads: that library carries a shaded Jackson 2 and joda copy, some 770 classes a cold start would load for
 * this one step. Its settings, mix-ins and date handling are reproduced here for the event types our functions take;
 * an equivalence test reads every sample event and edge case with both and compares the objects field by field.
 */
public final class LambdaEventReader {
    /** Kept apart from {@code Json.MAPPER}: events are AWS's shapes, read leniently (unknown fields are AWS's to add). */
    private static final JsonMapper MAPPER = JsonMapper.builder()
        // the runtime's parser is lenient; a directly invoked function may be handed such JSON
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
            JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
            JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES)
        .enable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT, DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
            DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
        .disable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(MapperFeature.INFER_PROPERTY_MUTATORS, MapperFeature.USE_GETTERS_AS_SETTERS)
        // the events' convenience constructors (e.g. AttributeValue(String)) are no creators for the runtime
        .changeDefaultVisibility(v -> v.withCreatorVisibility(Visibility.NONE).withScalarConstructorVisibility(Visibility.NONE))
        .addMixIn(SQSEvent.class, RecordsMixin.class)
        .addMixIn(SQSEvent.SQSMessage.class, SqsMessageMixin.class)
        .addMixIn(DynamodbEvent.class, RecordsMixin.class)
        .addMixIn(Record.class, StreamRecordEnvelopeMixin.class)
        .addMixIn(StreamRecord.class, StreamRecordMixin.class)
        .addMixIn(AttributeValue.class, AttributeValueMixin.class)
        .addMixIn(ScheduledEvent.class, ScheduledEventMixin.class)
        .addModule(new SimpleModule("lambda-event-dates")
            .addDeserializer(Date.class, new EpochSecondsDate())
            .addDeserializer(DateTime.class, new IsoDateTime()))
        .build();

    private LambdaEventReader() {}

    /** A reader for one event type; readers are immutable and thread-safe, build one per function. */
    public static <T> ObjectReader readerFor(Class<T> eventType) { return MAPPER.readerFor(eventType); }

    public static <T> T read(byte[] payload, Class<T> eventType) { return MAPPER.readerFor(eventType).readValue(payload); }

    /** AWS sends stream record times as (fractional) epoch seconds; 0 means absent. */
    private static final class EpochSecondsDate extends ValueDeserializer<Date> {
        @Override
        public Date deserialize(JsonParser p, DeserializationContext ctxt) {
            double seconds = p.getValueAsDouble();
            return seconds == 0.0 ? null : new Date((long) (seconds * 1000.0));
        }
    }

    /** ISO-8601 with the offset as written (the runtime calls {@code DateTime.parse}). */
    private static final class IsoDateTime extends ValueDeserializer<DateTime> {
        @Override
        public DateTime deserialize(JsonParser p, DeserializationContext ctxt) { return DateTime.parse(p.getValueAsString()); }
    }

    abstract static class RecordsMixin {
        @JsonProperty("Records") abstract List<?> getRecords();
    }

    abstract static class SqsMessageMixin {
        @JsonProperty("eventSourceARN") abstract String getEventSourceArn();
        @JsonProperty("eventSourceARN") abstract void setEventSourceArn(String eventSourceArn);
    }

    abstract static class StreamRecordEnvelopeMixin {
        // two setters (String and OperationType): the String one takes the value as sent
        @JsonProperty("eventName") abstract String getEventName();
        @JsonProperty("eventName") abstract void setEventName(String eventName);
    }

    abstract static class StreamRecordMixin {
        @JsonProperty("Keys") abstract Map<String, AttributeValue> getKeys();
        @JsonProperty("NewImage") abstract Map<String, AttributeValue> getNewImage();
        @JsonProperty("OldImage") abstract Map<String, AttributeValue> getOldImage();
        @JsonProperty("SizeBytes") abstract Long getSizeBytes();
        @JsonProperty("SequenceNumber") abstract String getSequenceNumber();
        @JsonProperty("StreamViewType") abstract String getStreamViewType();
        @JsonProperty("StreamViewType") abstract void setStreamViewType(StreamViewType streamViewType);
        @JsonProperty("ApproximateCreationDateTime") abstract Date getApproximateCreationDateTime();
    }

    abstract static class AttributeValueMixin {
        @JsonProperty("S") abstract String getS();
        @JsonProperty("N") abstract String getN();
        @JsonProperty("B") abstract ByteBuffer getB();
        @JsonProperty("SS") abstract void setSS(Collection<String> ss);
        @JsonProperty("NS") abstract void setNS(Collection<String> ns);
        @JsonProperty("BS") abstract void setBS(Collection<ByteBuffer> bs);
        @JsonProperty("M") abstract Map<String, AttributeValue> getM();
        @JsonProperty("L") abstract void setL(Collection<AttributeValue> l);
        @JsonProperty("NULL") abstract Boolean isNULL();
        @JsonProperty("NULL") abstract void setNULL(Boolean nul);
        @JsonProperty("BOOL") abstract Boolean getBOOL();
        @JsonProperty("BOOL") abstract void setBOOL(Boolean bool);
    }

    abstract static class ScheduledEventMixin {
        @JsonProperty("detail-type") abstract String getDetailType();
    }
}
