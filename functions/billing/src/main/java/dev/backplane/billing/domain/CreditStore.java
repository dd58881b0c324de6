package dev.backplane.billing.domain;

import dev.backplane.core.event.Trace;

/**
 * Port: the credit balance and its ledger. {@code apply} appends the entry, moves the balance (never below zero)
 * and records the change's event in one transaction; a reference already used by the user applies nothing.
 */
public interface CreditStore {
    enum Result { APPLIED, DUPLICATE, INSUFFICIENT }

    Result apply(CreditChange change, Trace trace);

    long balance(String userId);

    Page<LedgerEntry> ledger(String userId, int limit, String cursor);
}
