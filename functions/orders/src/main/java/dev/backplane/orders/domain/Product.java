package dev.backplane.orders.domain;

/** A catalog product; {@code stock} is what can still be reserved. */
public record Product(String id, String name, String description, Money price, int stock) {}
