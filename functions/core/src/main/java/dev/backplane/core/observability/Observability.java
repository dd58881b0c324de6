package dev.backplane.core.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Cross-cutting concerns applied once around every invocation (never inside business code): Powertools
 * structured logging with the Lambda context and {@code correlationId} on every line, EMF metrics flushed at the end.
 */
public final class Observability {
    public static final String CORRELATION_ID = "correlationId";
    /** Used when POWERTOOLS_METRICS_NAMESPACE is unset (tests, tools); the template sets it on AWS. */
    private static final String DEFAULT_NAMESPACE = "Backplane";

    private Observability() {}

    public static <T> T around(Context context, String correlationId, Supplier<T> work) {
        Supplier<T> withCorrelation = () -> {
            MDC.put(CORRELATION_ID, correlationId);
            try {
                return work.get();
            } finally {
                MDC.remove(CORRELATION_ID);
                flushMetrics();
            }
        };
        return context == null ? withCorrelation.get() : PowertoolsLogging.withLogging(context, withCorrelation);
    }

    public static void count(String metric, double value) { metrics().addMetric(metric, value, MetricUnit.COUNT); }

    public static void millis(String metric, double value) { metrics().addMetric(metric, value, MetricUnit.MILLISECONDS); }

    private static Metrics metrics() {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        if (System.getenv("POWERTOOLS_METRICS_NAMESPACE") == null) metrics.setNamespace(DEFAULT_NAMESPACE);
        return metrics;
    }

    private static void flushMetrics() {
        Metrics metrics = metrics();
        metrics.setRaiseOnEmptyMetrics(false);
        metrics.flush();
    }
}
