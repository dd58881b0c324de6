package dev.backplane.core.store;

import java.util.List;

/** A unit of work was cancelled: which labelled conditions failed, or a conflict with a concurrent transaction. */
public final class TransactionFailedException extends RuntimeException {
    private final List<String> failedLabels;
    private final boolean concurrentConflict;

    public TransactionFailedException(List<String> failedLabels, boolean concurrentConflict, Throwable cause) {
        super("transaction cancelled: failed conditions " + failedLabels + (concurrentConflict ? ", concurrent conflict" : ""), cause);
        this.failedLabels = List.copyOf(failedLabels);
        this.concurrentConflict = concurrentConflict;
    }

    public List<String> failedLabels() { return failedLabels; }

    public boolean concurrentConflict() { return concurrentConflict; }

    public boolean failed(String label) { return failedLabels.contains(label); }
}
