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
 * @param oidc           start the local OIDC provider (port + 4) and point a template parameter OidcIssuerUrl at it
 * @param limits         function JVM caps (per function, in all) and idle stop
 * @param spaDir         built single-page app to serve (port + 5) when the directory exists; null = none
 */
public record DevstackOptions(Path template, int port, Path persistDir, String region, String accountId,
                              Map<String, String> parameterOverrides, boolean scheduleClocks, LogSink log,
                              boolean oidc, Path spaDir, dev.backplane.devstack.lambda.FunctionLimits limits) {
    public static final int DEFAULT_PORT = 4566;

    /** Defaults for tests and tools: no OIDC provider, no SPA, no AOT caches (the CLI's run turns them on). */
    public static DevstackOptions defaults(Path template) {
        return new DevstackOptions(template, DEFAULT_PORT, null, "us-east-1", "000000000000", Map.of(), true, ConsoleLog.stdout(), false, null, dev.backplane.devstack.lambda.FunctionLimits.DEFAULTS.withoutAotCache());
    }

    public DevstackOptions withOidc(boolean on) { return new DevstackOptions(template, port, persistDir, region, accountId, parameterOverrides, scheduleClocks, log, on, spaDir, limits); }

    public DevstackOptions withSpaDir(Path dir) { return new DevstackOptions(template, port, persistDir, region, accountId, parameterOverrides, scheduleClocks, log, oidc, dir, limits); }

    public DevstackOptions withPort(int p) { return new DevstackOptions(template, p, persistDir, region, accountId, parameterOverrides, scheduleClocks, log, oidc, spaDir, limits); }

    public DevstackOptions withPersistDir(Path dir) { return new DevstackOptions(template, port, dir, region, accountId, parameterOverrides, scheduleClocks, log, oidc, spaDir, limits); }

    public DevstackOptions withAccountId(String id) { return new DevstackOptions(template, port, persistDir, region, id, parameterOverrides, scheduleClocks, log, oidc, spaDir, limits); }

    public DevstackOptions withRegion(String r) { return new DevstackOptions(template, port, persistDir, r, accountId, parameterOverrides, scheduleClocks, log, oidc, spaDir, limits); }

    public DevstackOptions withScheduleClocks(boolean on) { return new DevstackOptions(template, port, persistDir, region, accountId, parameterOverrides, on, log, oidc, spaDir, limits); }

    public DevstackOptions withLog(LogSink sink) { return new DevstackOptions(template, port, persistDir, region, accountId, parameterOverrides, scheduleClocks, sink, oidc, spaDir, limits); }

    public DevstackOptions withParameters(Map<String, String> overrides) { return new DevstackOptions(template, port, persistDir, region, accountId, overrides, scheduleClocks, log, oidc, spaDir, limits); }

    public DevstackOptions withLimits(dev.backplane.devstack.lambda.FunctionLimits l) { return new DevstackOptions(template, port, persistDir, region, accountId, parameterOverrides, scheduleClocks, log, oidc, spaDir, l); }
}
