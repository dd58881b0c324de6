package dev.backplane.chat.domain;

/** Chat's view of a user's credits (projected from billing's events): what is spendable now and what is held. */
public record Credits(long balance, long reserved, long pending) {
    public long available() { return balance - reserved - pending; }
}
