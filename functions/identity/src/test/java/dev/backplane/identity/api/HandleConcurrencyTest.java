// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.store.Items;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.identity.IdentityApi;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Races on the same handle and on the same first call: exactly one winner, never two owners, never two registrations. */
class HandleConcurrencyTest {
    static final int USERS = 20;

    @Test
    void twentyUsersRaceForOneHandleAndExactlyOneGetsIt() throws Exception {
        try (IdentityApi api = new IdentityApi(); ExecutorService pool = Executors.newFixedThreadPool(USERS)) {
            for (int i = 0; i < USERS; i++) IdentityApiTest.ok(api.call("getMe", IdentityApiTest.ME, "racer-" + i, "user", null));
            List<Future<APIGatewayV2HTTPResponse>> results = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                String user = "racer-" + i;
                results.add(pool.submit(() -> api.call("updateMe", IdentityApiTest.PATCH, user, "user", "{\"handle\":\"popular\"}")));
            }
            int won = 0;
            int conflicts = 0;
            for (Future<APIGatewayV2HTTPResponse> f : results) {
                int status = f.get().getStatusCode();
                if (status == 200) won++;
                else if (status == 409) conflicts++;
                else throw new AssertionError("unexpected " + status + ": " + f.get().getBody());
            }
            assertEquals(1, won);
            assertEquals(USERS - 1, conflicts);
            String owner = Items.str(LocalDynamo.client().getItem(b -> b.tableName(api.table).key(Items.key("HANDLE#popular", "HANDLE"))).item(), "userId");
            long profilesWithHandle = LocalDynamo.client().scan(b -> b.tableName(api.table).filterExpression("handle = :h AND sk = :sk")
                .expressionAttributeValues(java.util.Map.of(":h", Items.s("popular"), ":sk", Items.s("PROFILE")))).count();
            assertEquals(1, profilesWithHandle);
            assertEquals(owner, api.outbox("user.profile_updated").getFirst().at("/data/userId").asString());
            assertEquals(1, api.outbox("user.profile_updated").size());
        }
    }

    @Test
    void concurrentFirstCallsRegisterOnce() throws Exception {
        try (IdentityApi api = new IdentityApi(); ExecutorService pool = Executors.newFixedThreadPool(10)) {
            List<Future<APIGatewayV2HTTPResponse>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) results.add(pool.submit(() -> api.call("getMe", IdentityApiTest.ME)));
            for (Future<APIGatewayV2HTTPResponse> f : results) IdentityApiTest.ok(f.get());
            assertEquals(1, api.outbox("user.registered").size());
        }
    }
}
