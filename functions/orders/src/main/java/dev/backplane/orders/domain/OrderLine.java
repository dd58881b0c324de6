package dev.backplane.orders.domain;

/** A product at the price it had when the order was placed. */
public record OrderLine(String productId, String name, int quantity, Money unitPrice) {
    public Money total() { return unitPrice.times(quantity); }
}
