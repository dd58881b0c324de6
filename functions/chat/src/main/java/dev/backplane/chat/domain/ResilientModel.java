package dev.backplane.chat.domain;

import dev.backplane.chat.domain.LanguageModel.ModelException.Kind;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A model behind retries and a circuit breaker. Throttling is retried with exponential backoff and full jitter, but
 * only while nothing has streamed yet (a retry after text went out would repeat it to the user). An open breaker
 * fails at once with {@link Kind#UNAVAILABLE} and the seconds until it closes.
 */
public final class ResilientModel implements LanguageModel {
    public interface Sleeper { void sleep(Duration d); }

    private final LanguageModel model;
    private final CircuitBreaker breaker;
    private final int attempts;
    private final Duration baseDelay;
    private final Sleeper sleeper;

    public ResilientModel(LanguageModel model, CircuitBreaker breaker, int attempts, Duration baseDelay, Sleeper sleeper) {
        this.model = model;
        this.breaker = breaker;
        this.attempts = attempts;
        this.baseDelay = baseDelay;
        this.sleeper = sleeper;
    }

    @Override
    public String provider() { return model.provider(); }

    @Override
    public String model() { return model.model(); }

    @Override
    public Reply converse(Request request, Consumer<String> onText) {
        long open = breaker.openForSeconds();
        if (open > 0) throw new ModelException(Kind.UNAVAILABLE, provider() + " is failing; circuit open", open);
        boolean[] streamed = {false};
        Consumer<String> tracking = text -> {
            streamed[0] = true;
            onText.accept(text);
        };
        for (int attempt = 1; ; attempt++) {
            try {
                Reply reply = model.converse(request, tracking);
                breaker.succeeded();
                return reply;
            } catch (ModelException e) {
                boolean retry = e.kind() == Kind.THROTTLED && !streamed[0] && attempt < attempts;
                if (!retry) {
                    if (e.kind() != Kind.REJECTED) breaker.failed();
                    throw e;
                }
                long cap = baseDelay.toMillis() << (attempt - 1);
                sleeper.sleep(Duration.ofMillis(Math.max(e.retryAfterSeconds() * 1000 / 4, ThreadLocalRandom.current().nextLong(cap + 1))));
            }
        }
    }
}
