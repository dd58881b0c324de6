package dev.backplane.billing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.backplane.billing.domain.CreditChange;
import dev.backplane.billing.domain.CreditLedger;
import dev.backplane.billing.domain.CreditStore;
import dev.backplane.billing.store.DynamoCreditStore;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.Trace;
import dev.backplane.core.testing.FunctionHarness;
import dev.backplane.core.testing.LocalDynamo;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Finished chat replies are settled in the ledger once, and never below zero. */
class ChatCreditsTest {
    private final BillingStack stack = new BillingStack();
    private final CreditStore store = new DynamoCreditStore(LocalDynamo.client(), stack.table, Clock.systemUTC());
    private final Trace trace = Trace.startedBy(Actor.SYSTEM);

    @AfterEach
    void close() { stack.close(); }

    @Test
    void aCompletedReplySpendsItsCreditsOnceEvenWhenRedelivered() throws Exception {
        store.apply(new CreditChange("user-alice", 10, "purchase:pack-100", "session:cs_chat"), trace);
        for (int i = 0; i < 2; i++) {
            SQSBatchResponse r = stack.functions.invoke("spendChatCredits", SQSEvent.class,
                FunctionHarness.event("ChatCreditsFunction/sqs_chat-reply-completed.json"));
            assertTrue(r.getBatchItemFailures().isEmpty());
        }
        assertEquals(8, store.balance("user-alice"), "2 credits spent once");
        var spent = stack.awaitEvent("credits.spent", e -> true);
        assertEquals(CreditLedger.CHAT_REPLY, spent.get("data").get("reason").asString());
        assertEquals(8, spent.get("data").get("balance").asLong());
    }

    @Test
    void settlingMoreThanTheBalanceSpendsWhatIsLeftAndNeverGoesNegative() {
        store.apply(new CreditChange("user-bob", 3, "purchase:pack-100", "session:cs_chat_bob"), trace);
        CreditLedger ledger = new CreditLedger(store);
        assertEquals(CreditStore.Result.APPLIED, ledger.settleChatReply("user-bob", 5, "reply-1", trace));
        assertEquals(0, store.balance("user-bob"));
        assertEquals(CreditStore.Result.INSUFFICIENT, ledger.settleChatReply("user-bob", 5, "reply-2", trace));
        assertEquals(0, store.balance("user-bob"));
    }
}
