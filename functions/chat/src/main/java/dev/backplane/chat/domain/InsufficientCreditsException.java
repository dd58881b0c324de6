package dev.backplane.chat.domain;

/** The caller's credits do not cover a reply's reservation: refused before the model is called (HTTP 402). */
public final class InsufficientCreditsException extends RuntimeException {
    private final long needed;
    private final long available;

    public InsufficientCreditsException(long needed, long available) {
        super("a reply needs up to " + needed + " credits; " + Math.max(0, available) + " available", null, false, false);
        this.needed = needed;
        this.available = available;
    }

    public long needed() { return needed; }

    public long available() { return available; }
}
