// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backplane.core.event.EventEnvelope;
import dev.backplane.realtime.testing.Events;
import dev.backplane.realtime.testing.RealtimeStack;
import dev.backplane.realtime.testing.TestSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * 200 real sockets on one topic, a burst of 100 events delivered as 10 SQS batches by 4 concurrent "Lambda
 * instances": every socket gets every event exactly once (counted per socket by event id).
 */
class FanOutLoadTest {
    private static final int SOCKETS = 200;
    private static final int EVENTS = 100;
    private static RealtimeStack stack;

    @BeforeAll
    static void start() { stack = new RealtimeStack(Map.of("WS_MAX_CONNECTIONS_PER_USER", "1000")); } // one user, 500 sockets

    @AfterAll
    static void stop() { stack.close(); }

    @Test
    void everySocketReceivesEveryEventExactlyOnce() throws Exception {
        String token = stack.token("load-user", "user");
        List<TestSocket> sockets;
        try (ExecutorService opening = Executors.newFixedThreadPool(16)) {
            List<Future<TestSocket>> opened = new ArrayList<>();
            for (int i = 0; i < SOCKETS; i++) opened.add(opening.submit(() -> stack.connect(token)));
            sockets = new ArrayList<>();
            for (Future<TestSocket> f : opened) sockets.add(f.get());
        }
        try {
            List<EventEnvelope> events = IntStream.range(0, EVENTS).mapToObj(i -> Events.profileUpdated("load-user", i)).toList();
            try (ExecutorService instances = Executors.newFixedThreadPool(4)) {
                List<Future<?>> batches = new ArrayList<>();
                for (int from = 0; from < EVENTS; from += 10) {
                    List<EventEnvelope> batch = events.subList(from, from + 10);
                    batches.add(instances.submit(() -> assertEquals(List.of(), stack.push(batch).getBatchItemFailures())));
                }
                for (Future<?> f : batches) f.get();
            }
            for (TestSocket s : sockets) {
                s.send("{\"action\":\"ping\"}"); // pushes were all posted before; the pong is a barrier
                s.await(m -> m.path("type").asString("").equals("pong"), java.time.Duration.ofSeconds(30));
            }
            for (TestSocket s : sockets) {
                Map<String, Integer> perEvent = new HashMap<>();
                for (JsonNode m : s.receivedOfType("user.profile_updated")) perEvent.merge(m.path("eventId").asString(), 1, Integer::sum);
                assertEquals(EVENTS, perEvent.size(), "lost events");
                assertEquals(List.of(1), perEvent.values().stream().distinct().toList(), "duplicated events");
            }
        } finally {
            sockets.forEach(TestSocket::abort);
        }
    }
}
