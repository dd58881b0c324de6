package dev.backplane.devstack;

import dev.backplane.devstack.logs.ConsoleLog;
import dev.backplane.devstack.logs.LogSink;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to start devstack.
 *
 * @param port           API Gateway port; DynamoDB, SQS and EventBridge (+ admin) take the next three. 0 = any free ports
 * @param persistDir     keep DynamoDB data here across restarts (null = in memory)
 * @param scheduleClocks fire schedules on their rate/cron (off for tests and one-off invokes: fire on demand instead)
 */
public record DevstackOptions(Path template, int port, Path persistDir, String region, String accountId,
                              Map<String, String> parameterOverrides, boolean scheduleClocks, LogSink log) {
    public static final int DEFAULT_PORT = 4566;

    public static DevstackOptions defaults(Path template) {
        return new DevstackOptions(template, DEFAULT_PORT, null, "us-east-1", "000000000000", Map.of(), true, ConsoleLog.stdout());
    }

    public DevstackOptions withPort(int p) { return new DevstackOptions(template, p, persistDir, region, accountId, parameterOverrides, scheduleClocks, log); }

    public DevstackOptions withPersistDir(Path dir) { return new DevstackOptions(template, port, dir, region, accountId, parameterOverrides, scheduleClocks, log); }

    public DevstackOptions withRegion(String r) { return new DevstackOptions(template, port, persistDir, r, accountId, parameterOverrides, scheduleClocks, log); }

    public DevstackOptions withScheduleClocks(boolean on) { return new DevstackOptions(template, port, persistDir, region, accountId, parameterOverrides, on, log); }

    public DevstackOptions withLog(LogSink sink) { return new DevstackOptions(template, port, persistDir, region, accountId, parameterOverrides, scheduleClocks, sink); }

    public DevstackOptions withParameters(Map<String, String> overrides) { return new DevstackOptions(template, port, persistDir, region, accountId, overrides, scheduleClocks, log); }
}
