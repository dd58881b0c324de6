package dev.backplane.devstack;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.devstack.template.TemplateException;
import org.junit.jupiter.api.Test;

/** Unsupported template features stop devstack before anything starts, naming resource and property. */
class UnsupportedTemplateTest {
    static TemplateException startFails(String fixture) {
        return assertThrows(TemplateException.class, () -> Devstack.start(DevstackOptions.defaults(FixtureJar.template(fixture))
            .withPort(0).withScheduleClocks(false).withLog(new CapturingLog())));
    }

    @Test
    void unknownPropertyNamesResourceAndProperty() {
        String message = startFails("unsupported-property.yaml").getMessage();
        assertTrue(message.contains("OrdersQueue") && message.contains("SomeFutureSetting") && message.contains("AWS::SQS::Queue"), message);
    }

    @Test
    void unknownResourceAndEventTypesAreListedTogether() {
        String message = startFails("unsupported-resource.yaml").getMessage();
        assertTrue(message.contains("Alerts (AWS::Kinesis::Stream)"), message);
        assertTrue(message.contains("Worker.Events.Uploads (event type S3)"), message);
        assertTrue(!message.contains("Policy ("), "IAM resources are accepted: " + message);
    }
}
