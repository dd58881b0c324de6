package dev.backplane.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.lambda.LambdaRuntime;
import dev.backplane.devstack.logs.LogSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Asynchronous invocations (EventBridge and schedule targets) accepted but not handled when devstack stops: with
 * {@code --persist} they are written to {@code DIR/async-pending.jsonl} and submitted again on the next start (as
 * Lambda keeps its async queue across a function's interruptions); in memory they are counted in the log.
 */
final class AsyncHandBack {
    private final Path file;
    private final LogSink log;

    AsyncHandBack(Path persistDir, LogSink log) {
        this.file = persistDir == null ? null : persistDir.resolve("async-pending.jsonl");
        this.log = log;
    }

    void keep(List<LambdaRuntime.PendingAsyncEvent> events) {
        if (file == null) {
            log.system(events.size() + " asynchronous invocation(s) were not handled before the stop (run with --persist to keep them)");
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (LambdaRuntime.PendingAsyncEvent e : events) {
            lines.append(Json.object().put("function", e.functionLogicalId())
                .put("event", Base64.getEncoder().encodeToString(e.event()))).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            log.system(events.size() + " asynchronous invocation(s) kept in " + file + " for the next start");
        } catch (IOException e) {
            log.system("could not keep " + events.size() + " asynchronous invocation(s): " + e);
        }
    }

    void resubmit(LambdaRuntime lambda) {
        if (file == null || !Files.exists(file)) return;
        List<JsonNode> pending = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) pending.add(Json.parse(line.getBytes(StandardCharsets.UTF_8)));
            }
            Files.delete(file);
        } catch (IOException e) {
            log.system("could not read " + file + ": " + e);
            return;
        }
        int resubmitted = 0;
        for (JsonNode p : pending) {
            String function = p.path("function").asText();
            if (!lambda.functionIds().contains(function)) continue; // the template changed meanwhile
            lambda.invokeAsync(function, Base64.getDecoder().decode(p.path("event").asText()));
            resubmitted++;
        }
        log.system(resubmitted + " asynchronous invocation(s) kept at the last stop submitted again");
    }
}
