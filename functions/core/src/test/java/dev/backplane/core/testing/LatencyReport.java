package dev.backplane.core.testing;

import java.util.Arrays;
import java.util.function.IntConsumer;

/** For benchmark mains (never assertions): warms up, times each call, prints a markdown row with p50/p99/max. */
public final class LatencyReport {
    private LatencyReport() {}

    /** Runs {@code call} {@code warmup} times (negative indexes), then {@code runs} times, and prints the row. */
    public static void measure(String name, int warmup, int runs, IntConsumer call) {
        for (int i = 0; i < warmup; i++) call.accept(-i - 1);
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("| %s | %.2f ms | %.2f ms | %.2f ms |%n", name, nanos[runs / 2] / 1e6, nanos[runs * 99 / 100] / 1e6, nanos[runs - 1] / 1e6);
    }
}
