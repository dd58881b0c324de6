package dev.backplane.billing.api;

import dev.backplane.billing.domain.CreditLedger;
import dev.backplane.billing.domain.CreditStore;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.EventEnvelope;
import dev.backplane.core.event.Trace;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spends the credits of finished chat replies ({@code chat.reply_completed}: {@code credits}, {@code replyId}). Chat
 * holds a reservation on its own projection while the reply runs, so this settles an amount already set aside; the
 * resulting {@code credits.spent} tells chat the new balance.
 */
public final class ChatCreditEvents implements Consumer<EventEnvelope> {
    private static final Logger LOG = LoggerFactory.getLogger(ChatCreditEvents.class);
    private final Supplier<CreditLedger> ledger;

    public ChatCreditEvents(Supplier<CreditLedger> ledger) { this.ledger = ledger; }

    @Override
    public void accept(EventEnvelope event) {
        if (!event.type().equals("chat.reply_completed")) return;
        String userId = event.data().path("userId").asString();
        long credits = event.data().path("credits").asLong(0);
        CreditStore.Result result = ledger.get().settleChatReply(userId, credits, event.data().path("replyId").asString(),
            Trace.causedBy(event, Actor.SYSTEM));
        if (result == CreditStore.Result.INSUFFICIENT) LOG.warn("chat reply {} settled short: balance exhausted", event.id());
    }
}
