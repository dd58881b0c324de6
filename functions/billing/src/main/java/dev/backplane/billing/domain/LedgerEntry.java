package dev.backplane.billing.domain;

import java.time.Instant;

/** One append-only ledger line: the movement, why, and the balance right after it. */
public record LedgerEntry(String id, long delta, long balanceAfter, String reason, String reference, Instant at) {}
