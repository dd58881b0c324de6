package dev.backplane.orders.domain;

/** An amount in minor units (cents) of an ISO-4217 currency. */
public record Money(long amount, String currency) {
    public Money {
        if (currency == null || !currency.matches("[A-Z]{3}")) throw new IllegalArgumentException("currency must be ISO-4217, got " + currency);
    }

    public Money times(int quantity) { return new Money(Math.multiplyExact(amount, quantity), currency); }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        return new Money(Math.addExact(amount, other.amount), currency);
    }
}
