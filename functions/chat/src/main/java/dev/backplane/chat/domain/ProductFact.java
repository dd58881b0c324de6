package dev.backplane.chat.domain;

/** What chat knows of a catalog product, from {@code product.listed} (its own copy; it never reads the catalog's items). */
public record ProductFact(String productId, String name, String description, long price, String currency) {}
