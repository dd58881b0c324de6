package dev.backplane.billing.api;

import static dev.backplane.billing.api.CheckoutApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.billing.domain.CreditChange;
import dev.backplane.billing.domain.CreditLedger;
import dev.backplane.billing.domain.CreditStore;
import dev.backplane.billing.store.DynamoCreditStore;
import dev.backplane.core.error.ConflictException;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.Trace;
import dev.backplane.core.testing.LocalDynamo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Credits: purchase through Stripe, an append-only ledger, a balance that never goes negative. */
class CreditsTest {
    private final BillingStack stack = new BillingStack();
    private final CreditStore store = new DynamoCreditStore(LocalDynamo.client(), stack.table, Clock.systemUTC());
    private final CreditLedger ledger = new CreditLedger(store);
    private final Trace trace = Trace.startedBy(Actor.SYSTEM);

    @AfterEach
    void close() { stack.close(); }

    @Test
    void buyingAPackCreditsTheBuyerOnceWhenStripeConfirms() throws Exception {
        APIGatewayV2HTTPResponse r = stack.call("checkoutCreditPack", "CheckoutCreditPackFunction/checkout-credit-pack_valid.json", null, null, null, null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        String session = BillingStack.json(r).get("sessionId").asString();
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(stack.stripe.apiBase() + "/checkout/" + session + "/pay")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.discarding());

        JsonNode purchased = stack.awaitEvent("credits.purchased", e -> true);
        assertEquals("user-alice", purchased.get("data").get("userId").asString());
        assertEquals(100, purchased.get("data").get("amount").asLong());
        assertEquals(100, purchased.get("data").get("balance").asLong());
        assertEquals("corr-sample-0001", purchased.get("correlationId").asString());
        assertEquals("pack-100", stack.awaitEvent("payment.succeeded", e -> true).get("data").get("packId").asString());
        assertEquals(100, BillingStack.json(stack.call("getBalance", "GetBalanceFunction/get-balance_own.json", null, null, null, null)).get("balance").asLong());
        assertEquals(0, BillingStack.json(stack.call("getBalance", "GetBalanceFunction/get-balance_own.json", "user-bob", null, null, null)).get("balance").asLong());

        assertProblem(stack.call("checkoutCreditPack", "CheckoutCreditPackFunction/checkout-credit-pack_valid.json", null, "pack-free", null, null), 404, "not-found");
    }

    @Test
    void twentyConcurrentSpendsNeverOverdrawTheBalance() throws Exception {
        assertEquals(CreditStore.Result.APPLIED, store.apply(new CreditChange("user-carol", 100, "purchase:pack-100", "session:cs_seed"), trace));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> spends = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                String reference = "reply-" + i;
                spends.add(pool.submit(() -> {
                    go.await();
                    try {
                        return ledger.spend("user-carol", 10, "assistant-reply", reference, trace).name();
                    } catch (ConflictException e) {
                        return e.code();
                    }
                }));
            }
            go.countDown();
        }
        int applied = 0;
        int insufficient = 0;
        for (var s : spends) {
            if (s.get().equals("APPLIED")) applied++;
            else if (s.get().equals("insufficient-credits")) insufficient++;
        }
        assertEquals(10, applied);
        assertEquals(10, insufficient);
        assertEquals(0, ledger.balance("user-carol"));
        assertEquals(10, stack.outbox("credits.spent").size());
        var entries = ledger.ledger("user-carol", 100, null).items();
        assertEquals(11, entries.size());
        assertTrue(entries.stream().allMatch(e -> e.balanceAfter() >= 0));
        assertEquals(0, entries.getFirst().balanceAfter()); // newest first
    }

    @Test
    void aSpendWithAUsedReferenceChargesOnceAndOverdraftIsRefused() {
        store.apply(new CreditChange("user-dave", 30, "purchase:pack-100", "session:cs_d"), trace);
        assertEquals(CreditStore.Result.APPLIED, ledger.spend("user-dave", 20, "assistant-reply", "reply-x", trace));
        assertEquals(CreditStore.Result.DUPLICATE, ledger.spend("user-dave", 20, "assistant-reply", "reply-x", trace));
        assertEquals(10, ledger.balance("user-dave"));
        ConflictException e = assertThrows(ConflictException.class, () -> ledger.spend("user-dave", 11, "assistant-reply", "reply-y", trace));
        assertEquals("insufficient-credits", e.code());
        assertEquals(10, ledger.balance("user-dave"));
    }

    @Test
    void theLedgerPagesNewestFirstWithOpaqueCursorsOfTheCallersOwn() {
        for (int i = 0; i < 7; i++) store.apply(new CreditChange("user-alice", i + 1, "purchase:pack-100", "session:cs_" + i), trace);
        JsonNode page1 = BillingStack.json(stack.call("listLedger", "ListLedgerFunction/list-ledger_first-page.json", null, null, null, null));
        assertEquals(5, page1.get("items").size());
        assertEquals(28, page1.get("items").get(0).get("balanceAfter").asLong());
        String cursor = page1.get("nextCursor").asString();
        APIGatewayV2HTTPResponse second = callLedger(Map.of("limit", "5", "cursor", cursor), null);
        JsonNode page2 = BillingStack.json(second);
        assertEquals(2, page2.get("items").size());
        assertNull(page2.get("nextCursor").asString(null));
        // a cursor is bound to its caller: bob cannot use alice's; junk cursors are 400 too
        assertProblem(callLedger(Map.of("limit", "5", "cursor", cursor), "user-bob"), 400, "invalid-cursor");
        assertProblem(callLedger(Map.of("cursor", "not-a-cursor"), null), 400, "invalid-cursor");
        assertProblem(callLedger(Map.of("limit", "1000"), null), 400, "invalid-query-parameter");
    }

    private APIGatewayV2HTTPResponse callLedger(Map<String, String> query, String userId) {
        var event = (tools.jackson.databind.node.ObjectNode) dev.backplane.core.json.Json.tree(
            dev.backplane.core.testing.FunctionHarness.event("ListLedgerFunction/list-ledger_first-page.json"));
        var q = event.putObject("queryStringParameters");
        query.forEach(q::put);
        if (userId != null) ((tools.jackson.databind.node.ObjectNode) event.at("/requestContext/authorizer/jwt/claims")).put("sub", userId);
        return stack.functions.invoke("listLedger", com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class,
            dev.backplane.core.json.Json.write(event));
    }
}
