package dev.backplane.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.devstack.template.Resource;
import dev.backplane.devstack.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Alarms exist for every way an event can be lost: each queue the template uses as a dead-letter queue (redrive
 * policies, rule target DeadLetterConfig, stream OnFailure destinations) has a depth alarm and is listed in
 * DEAD_LETTER_QUEUES for the admin tooling, and every admin function gets the same list. A new consumer's DLQ
 * without them fails here.
 */
class OperationsCoverageTest {
    private static final Set<String> DLQ_KEYS = Set.of("deadLetterTargetArn", "DeadLetterConfig", "Destination");
    private final Template template = LocalDynamo.template();

    @Test
    void everyDeadLetterQueueHasADepthAlarmAndAdminTooling() {
        Set<String> queues = new TreeSet<>(template.ofType("AWS::SQS::Queue").stream().map(Resource::logicalId).toList());
        Set<String> deadLetterQueues = new TreeSet<>();
        template.resources().values().forEach(r -> collect(r.properties(), false, queues, deadLetterQueues));
        assertTrue(deadLetterQueues.size() >= 5, "found " + deadLetterQueues);

        Set<String> alarmed = new TreeSet<>();
        for (Resource alarm : template.ofType("AWS::CloudWatch::Alarm")) {
            if ("AWS/SQS".equals(alarm.property("Namespace"))) collect(alarm.property("Dimensions"), true, queues, alarmed);
        }
        Set<String> missingAlarms = new TreeSet<>(deadLetterQueues);
        missingAlarms.removeAll(alarmed);
        assertEquals(Set.of(), missingAlarms, "dead-letter queues without a depth alarm");

        List<String> configs = new ArrayList<>();
        for (Resource fn : template.ofType("AWS::Serverless::Function")) {
            Object env = fn.properties().get("Environment");
            if (env instanceof Map<?, ?> e && e.get("Variables") instanceof Map<?, ?> vars && vars.containsKey("DEAD_LETTER_QUEUES")) {
                configs.add(String.valueOf(vars.get("DEAD_LETTER_QUEUES")));
            }
        }
        assertTrue(configs.size() >= 5, "the dead-letter functions read DEAD_LETTER_QUEUES");
        assertEquals(1, Set.copyOf(configs).size(), "every admin function sees the same queues");
        for (String dlq : deadLetterQueues) assertTrue(configs.getFirst().contains("${" + dlq + "}"), dlq + " is not in DEAD_LETTER_QUEUES");
    }

    /** Queue logical ids mentioned under a dead-letter key (or anywhere, when {@code all}). */
    private static void collect(Object node, boolean all, Set<String> queues, Set<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(v, all || DLQ_KEYS.contains(String.valueOf(k)), queues, out));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, all, queues, out));
        } else if (all && node != null) {
            String text = String.valueOf(node);
            for (String q : queues) if (text.equals(q) || text.startsWith(q + ".")) out.add(q);
        }
    }
}
