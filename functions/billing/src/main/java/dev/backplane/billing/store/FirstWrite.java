package dev.backplane.billing.store;

import dev.backplane.core.store.TransactionFailedException;
import dev.backplane.core.store.UnitOfWork;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Commits a unit whose {@code label}led write is conditional on being the first; a repeat (or a concurrent twin) writes nothing. */
final class FirstWrite {
    private FirstWrite() {}

    /** True when this commit wrote; false when the labelled item was written before or concurrently (nothing written). */
    static boolean commit(UnitOfWork uow, DynamoDbClient dynamo, String label) {
        try {
            uow.commit(dynamo);
            return true;
        } catch (TransactionFailedException e) {
            if (e.failed(label) || e.concurrentConflict()) return false;
            throw e;
        }
    }
}
