package dev.backplane.billing.domain;

import dev.backplane.core.error.ConflictException;
import dev.backplane.core.error.FieldError;
import dev.backplane.core.error.ValidationException;
import dev.backplane.core.event.Trace;
import java.util.List;

/**
 * Assistant credits. Spending is for server-side callers (the chat module spends per reply with the reply's id as
 * reference, so a retried reply never charges twice); purchases arrive through verified Stripe webhooks.
 */
public final class CreditLedger {
    private final CreditStore store;

    public CreditLedger(CreditStore store) { this.store = store; }

    /** Spends {@code amount} credits; 409 insufficient-credits if the balance does not cover it (nothing written). */
    public CreditStore.Result spend(String userId, long amount, String reason, String reference, Trace trace) {
        if (amount <= 0) throw new ValidationException(List.of(new FieldError("amount", "must be positive")));
        CreditStore.Result result = store.apply(new CreditChange(userId, -amount, reason, reference), trace);
        if (result == CreditStore.Result.INSUFFICIENT) {
            throw new ConflictException("insufficient-credits", "the balance does not cover " + amount + " credits");
        }
        return result;
    }

    /**
     * Settles a finished chat reply: spends its cost, or what is left if the balance no longer covers it (chat reserves
     * before calling the model, so that only happens after a refund) — the balance never goes below zero. The reply id
     * is the reference: a redelivered event spends nothing twice.
     */
    public CreditStore.Result settleChatReply(String userId, long cost, String replyId, Trace trace) {
        if (cost <= 0) return CreditStore.Result.DUPLICATE;
        for (int attempt = 0; attempt < 5; attempt++) {
            long amount = Math.min(cost, store.balance(userId));
            if (amount <= 0) return CreditStore.Result.INSUFFICIENT;
            CreditStore.Result result = store.apply(new CreditChange(userId, -amount, CHAT_REPLY, "chat:" + replyId), trace);
            if (result != CreditStore.Result.INSUFFICIENT) return result;
        }
        return CreditStore.Result.INSUFFICIENT;
    }

    public static final String CHAT_REPLY = "chat-reply";

    public long balance(String userId) { return store.balance(userId); }

    public Page<LedgerEntry> ledger(String userId, int limit, String cursor) { return store.ledger(userId, limit, cursor); }
}
