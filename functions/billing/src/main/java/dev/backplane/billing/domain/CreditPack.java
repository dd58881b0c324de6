package dev.backplane.billing.domain;

import java.util.List;
import java.util.Optional;

/** A purchasable bundle of assistant credits. The list is small and fixed, so it lives in code (reviewed, versioned). */
public record CreditPack(String id, String name, long credits, long price, String currency) {
    public static final List<CreditPack> ALL = List.of(
        new CreditPack("pack-100", "100 assistant credits", 100, 500, "EUR"),
        new CreditPack("pack-500", "500 assistant credits", 500, 2000, "EUR"),
        new CreditPack("pack-2000", "2000 assistant credits", 2000, 6000, "EUR"));

    public static Optional<CreditPack> find(String id) { return ALL.stream().filter(p -> p.id().equals(id)).findFirst(); }
}
