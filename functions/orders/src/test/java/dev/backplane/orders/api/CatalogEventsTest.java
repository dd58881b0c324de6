package dev.backplane.orders.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backplane.core.json.Json;
import dev.backplane.core.testing.LocalDynamo;
import dev.backplane.orders.domain.Money;
import dev.backplane.orders.domain.Product;
import dev.backplane.orders.store.DynamoCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every catalog write puts the product's {@code product.listed} event in the outbox, with the shopper-facing fields only. */
class CatalogEventsTest {
    @Test
    void seedingListsEveryProductAndAChangeListsItAgainWithoutTouchingStock() throws Exception {
        try (OrdersApi api = new OrdersApi()) {
            JsonNode seed = Json.tree(Files.readString(LocalDynamo.repoRoot().resolve(Path.of("infra", "seed", "products.json"))));
            Map<String, JsonNode> listed = api.catalogEvents().stream()
                .collect(Collectors.toMap(e -> e.at("/data/productId").asString(), e -> e));
            assertEquals(seed.size(), listed.size(), "one product.listed per seeded product");
            for (JsonNode p : seed) {
                JsonNode event = listed.get(p.get("id").asString());
                assertEquals("backplane.orders", event.get("source").asString());
                assertEquals(Map.of("kind", "product", "id", p.get("id").asString()), Json.read(Json.write(event.get("subject")), Map.class));
                JsonNode data = event.get("data");
                assertEquals(p.get("name").asString(), data.get("name").asString());
                assertEquals(p.get("description").asString(), data.get("description").asString());
                assertEquals(p.get("price").asLong(), data.get("price").asLong());
                assertEquals(p.get("currency").asString(), data.get("currency").asString());
                assertTrue(!data.has("stock"), "stock is the catalog's own business");
            }

            int stock = api.stock("p-mug");
            new DynamoCatalog(LocalDynamo.client(), api.table).upsert(new Product("p-mug", "Stoneware mug", "Now 400 ml.", new Money(1900, "EUR"), 999));
            List<JsonNode> mugs = api.catalogEvents().stream().filter(e -> e.at("/data/productId").asString().equals("p-mug")).toList();
            assertEquals(2, mugs.size(), "the change is listed again");
            assertTrue(mugs.stream().anyMatch(e -> e.at("/data/description").asString().equals("Now 400 ml.") && e.at("/data/price").asLong() == 1900));
            assertEquals(stock, api.stock("p-mug"), "live stock kept");
        }
    }
}
