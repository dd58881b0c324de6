package dev.backplane.orders.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** 50 parallel orders for the last 10 units: exactly 10 succeed, the rest are 409, stock never goes negative. */
class StockConcurrencyTest {
    @Test
    void neverOversells() throws Exception {
        try (OrdersApi api = new OrdersApi(); ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<APIGatewayV2HTTPResponse>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String user = "user-" + i;
                results.add(pool.submit(() -> api.call("placeOrder", "PlaceOrderFunction/place-order_valid.json", user, null,
                    Map.of("lines", List.of(Map.of("productId", "p-limited", "quantity", 1))), null)));
            }
            int created = 0;
            int conflicts = 0;
            for (Future<APIGatewayV2HTTPResponse> f : results) {
                int status = f.get().getStatusCode();
                if (status == 201) created++;
                else if (status == 409) conflicts++;
                else throw new AssertionError("unexpected " + status + ": " + f.get().getBody());
            }
            assertEquals(10, created);
            assertEquals(40, conflicts);
            assertEquals(0, api.stock("p-limited"));
            assertEquals(10, api.orderCount());
            assertEquals(10, api.outbox().size());
        }
    }
}
