package dev.backplane.core.ratelimit;

import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import dev.backplane.core.function.Lazy;
import java.time.Clock;
import java.util.Optional;

/**
 * The limiter every HTTP endpoint applies, built once per function from its environment: on when
 * {@code RATE_LIMIT_TABLE} names the table holding the buckets, with {@code RATE_LIMITS} (see {@link RateLimits}).
 * Off when unset (unit tests, tools), so only deployed functions and devstack pay for it.
 */
public final class RateLimiting {
    private static final Lazy<Optional<RateLimiter>> FROM_ENVIRONMENT = Lazy.of(() -> fromConfig(Config.fromEnvironment()));

    private RateLimiting() {}

    public static Optional<RateLimiter> fromEnvironment() { return FROM_ENVIRONMENT.get(); }

    public static Optional<RateLimiter> fromConfig(Config config) {
        return config.find("RATE_LIMIT_TABLE").map(table -> new RateLimiter(
            new DynamoBucketStore(new AwsClients(config).dynamoDb(), table),
            RateLimits.parse(config.get("RATE_LIMITS", "")), Clock.systemUTC()));
    }
}
