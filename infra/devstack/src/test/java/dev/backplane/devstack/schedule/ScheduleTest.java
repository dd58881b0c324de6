package dev.backplane.devstack.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.RunningDevstack;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schedules fired on demand through the admin endpoint deliver the scheduled event (or Input) to their targets. */
class ScheduleTest {
    static RunningDevstack stack;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() { stack = new RunningDevstack("schedules.yaml"); }

    @AfterAll
    static void stop() { stack.close(); }

    static int fire(String id) throws Exception {
        return http.send(HttpRequest.newBuilder(stack.admin("schedules/" + id + "/fire")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void scheduledRuleDeliversTheScheduledEventToSqs() throws Exception {
        assertEquals(202, fire("HourlyTick"));
        var messages = RunningDevstack.receive(stack.sqs(), stack.devstack.queueUrl("TickQueue"), 1, Duration.ofSeconds(10));
        JsonNode event = Json.parse(messages.getFirst().body());
        assertEquals("Scheduled Event", event.get("detail-type").asText());
        assertEquals("aws.events", event.get("source").asText());
        assertEquals("arn:aws:events:us-east-1:000000000000:rule/HourlyTick", event.at("/resources/0").asText());
        assertTrue(event.get("detail").isObject() && event.get("detail").isEmpty());
    }

    @Test
    void adminInvokeRunsAFunctionSynchronouslyLikeTheInvokeApi() throws Exception {
        var response = http.send(HttpRequest.newBuilder(stack.admin("functions/SweepFunction/invoke"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("{}", response.body(), "RecordingHandler answers {}");
        stack.log.await("SweepFunction", t -> t.equals("EVENT {\"hello\":1}"), 1, Duration.ofSeconds(10));
    }

    @Test
    void samScheduleEventsInvokeTheFunctionWithInputOrTheDefaultNotification() throws Exception {
        assertEquals(202, fire("SweepFunctionOften"));
        stack.log.await("SweepFunction", t -> t.equals("EVENT {\"job\":\"sweep\"}"), 1, Duration.ofSeconds(30));
        assertEquals(202, fire("SweepFunctionNightly"));
        var lines = stack.log.await("SweepFunction", t -> t.contains("aws.scheduler"), 1, Duration.ofSeconds(30));
        JsonNode event = Json.parse(lines.getFirst().text().substring("EVENT ".length()));
        assertEquals("Scheduled Event", event.get("detail-type").asText());
        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/default/SweepFunctionNightly", event.at("/resources/0").asText());
        assertEquals(404, fire("NoSuchSchedule"));
    }
}
