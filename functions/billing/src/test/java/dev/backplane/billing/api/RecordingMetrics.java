package dev.backplane.billing.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The metrics port in tests: remembers every count, in order. */
final class RecordingMetrics implements BillingMetrics {
    private final List<String> counted = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void count(String metric) { counted.add(metric); }

    long times(String metric) {
        synchronized (counted) {
            return counted.stream().filter(metric::equals).count();
        }
    }
}
