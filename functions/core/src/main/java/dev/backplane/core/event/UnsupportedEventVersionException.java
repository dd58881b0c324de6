package dev.backplane.core.event;

/**
 * A consumer met a major version of an event it was not written for. Guessing would corrupt its state, so the
 * message fails every delivery and ends in the consumer's dead-letter queue, where this message says why.
 */
public final class UnsupportedEventVersionException extends RuntimeException {
    public UnsupportedEventVersionException(String consumer, String type, int version, int highestKnown) {
        super("unsupported event version: consumer " + consumer + " understands " + type + " up to v" + highestKnown
            + ", got v" + version + " — upgrade the consumer, then redrive its dead-letter queue");
    }
}
