package dev.backplane.devstack.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.RunningDevstack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** The orders-events-vtl fixture app: REST API → EventBridge PutEvents through a VTL template, used as its README says. */
class EventsVtlAppTest {
    @Test
    void anOrderBecomesOneEventPerItemThroughTheMappingTemplates() throws Exception {
        try (RunningDevstack stack = new RunningDevstack(ThirdPartyAppsTest.APPS.resolve("orders-events-vtl/template.yaml"), null)) {
            String url = stack.devstack.apiGateway().apiUrls().get("OrdersApi") + "/orders/ada";
            HttpResponse<String> placed = post(url, "application/json", "{\"items\":[{\"sku\":\"tea\",\"qty\":3},{\"sku\":\"cup\",\"qty\":1}]}");
            assertEquals(200, placed.statusCode(), placed.body());
            assertEquals(Json.parse("{\"accepted\":true,\"events\":2}"), Json.parse(placed.body()), "the response template read PutEvents' answer");
            String requestId = placed.headers().firstValue("x-amzn-RequestId").orElseThrow();

            List<Message> audited = RunningDevstack.receive(stack.sqs(), stack.devstack.queueUrl("AuditQueue"), 2, Duration.ofSeconds(10));
            assertEquals(2, audited.size());
            JsonNode bulk = Json.parse(audited.stream().map(Message::body).filter(b -> b.contains("BulkItemOrdered")).findFirst().orElseThrow());
            assertEquals("shop.orders", bulk.get("source").asText());
            assertEquals("ada", bulk.at("/detail/customer").asText());
            assertEquals(3, bulk.at("/detail/item/qty").asInt());
            assertEquals(requestId, bulk.at("/detail/requestId").asText(), "$context.requestId is the gateway's request id");
            assertTrue(audited.stream().anyMatch(m -> m.body().contains("\"detail-type\":\"ItemOrdered\"")), "#if/#else chose the detail type");
            stack.log.await("OrderPlacedFunction", "bulk order: 3 x tea for ada"::equals, 1, Duration.ofSeconds(60));

            assertEquals(415, post(url, "text/plain", "tea please").statusCode(), "passthroughBehavior: never refuses unmapped content types");
        }
    }

    private static HttpResponse<String> post(String url, String type, String body) throws Exception {
        return ThirdPartyAppsTest.http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
