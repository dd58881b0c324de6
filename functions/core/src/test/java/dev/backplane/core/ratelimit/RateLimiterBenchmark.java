package dev.backplane.core.ratelimit;

import dev.backplane.core.testing.LatencyReport;
import dev.backplane.core.testing.LocalDynamo;
import java.time.Clock;
import java.util.Optional;

/**
 * Rate-limiter overhead per request in-process (docs/benchmarks.md): the check a write route pays (user + IP bucket)
 * against DynamoDB Local in the same JVM, idle buckets and a bucket in a burst.
 */
public final class RateLimiterBenchmark {
    public static void main(String[] args) {
        String table = LocalDynamo.newAppTable();
        RateLimiter limiter = new RateLimiter(new DynamoBucketStore(LocalDynamo.client(), table),
            RateLimits.parse("write=1000000/1h;ip=1000000/1h"), Clock.systemUTC());
        System.out.println("| check | p50 | p99 | max |");
        System.out.println("|---|---|---|---|");
        // the floor: one write to DynamoDB Local in this JVM (a write route's check is two: the user's and the IP's bucket)
        LatencyReport.measure("baseline: one UpdateItem on DynamoDB Local", 500, 2000, i -> LocalDynamo.client().updateItem(b -> b.tableName(table)
            .key(dev.backplane.core.store.Items.key("BASELINE#" + (i & 0xff), "B")).updateExpression("SET n = :n")
            .expressionAttributeValues(java.util.Map.of(":n", dev.backplane.core.store.Items.n(i)))));
        LatencyReport.measure("write route, fresh user each call (idle buckets)", 500, 2000,
            i -> limiter.check("placeOrder", true, Optional.of("user-" + i), "10.0.0." + (i & 0xff)));
        LatencyReport.measure("write route, one user in a burst", 500, 2000,
            i -> limiter.check("placeOrder", true, Optional.of("alice"), "10.0.0.1"));
        System.exit(0);
    }
}
