package dev.backplane.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.backplane.core.json.Json;
import dev.backplane.notifications.domain.WebhookSignature;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** order.paid → in-app + email + signed webhook, once per channel; preferences; retries then DLQ; the inbox API. */
class NotificationChannelsTest {
    private static final String PAID = "NotifyOnEventsFunction/sqs_order-paid.json";
    private static final String REGISTERED = "NotifyOnEventsFunction/sqs_user-registered.json";
    private static final String ROLES = "NotifyOnEventsFunction/sqs_user-roles-assigned.json";
    private static final String FLAGGED = "NotifyOnEventsFunction/sqs_order-flagged.json";
    private final NotificationStack stack = new NotificationStack(true);

    @AfterEach
    void close() { stack.close(); }

    @Test
    void aPaidOrderNotifiesInAppByEmailAndBySignedWebhookOncePerChannelUnderRedelivery() {
        stack.notify(NotificationStack.delivery(REGISTERED, UUID.randomUUID().toString(), Map.of()));
        String secret = registerWebhook("/hooks/alice");

        String paid = NotificationStack.delivery(PAID, "evt-paid-1", Map.of());
        assertTrue(stack.notify(paid).getBatchItemFailures().isEmpty());
        assertTrue(stack.notify(paid).getBatchItemFailures().isEmpty()); // redelivered
        assertEquals(2, stack.drain() / 2, "email + webhook jobs, each enqueued by both deliveries");
        stack.notify(paid); // replayed later, after the first deliveries went out
        stack.drain();

        List<JsonNode> created = stack.outbox("notification.created");
        assertEquals(1, created.size());
        assertEquals("user-alice", created.getFirst().at("/data/userId").asString());
        assertEquals("Payment received", created.getFirst().at("/data/title").asString());
        assertEquals(1, created.getFirst().at("/data/unreadCount").asInt());

        var mails = stack.mail.mails();
        assertEquals(1, mails.size(), "one email: " + mails);
        assertEquals(List.of("alice@example.com"), mails.getFirst().to());
        assertEquals("Payment received", mails.getFirst().subject());
        assertTrue(mails.getFirst().text().contains("/orders/ord_sample_pending"));

        assertEquals(1, stack.received.size(), "one webhook call: " + stack.received);
        var call = stack.received.getFirst();
        long now = System.currentTimeMillis() / 1000;
        assertTrue(WebhookSignature.verify(call.signature(), secret, call.body(), now, 300), "signature verifies with the secret");
        assertFalse(WebhookSignature.verify(call.signature(), "whsec_other", call.body(), now, 300));
        assertEquals("order.paid", Json.tree(call.body()).get("type").asString());
        assertEquals(2, stack.outbox("notification.delivered").size());

        JsonNode inbox = json(stack.call("listNotifications", "ListNotificationsFunction/list-notifications_first-page.json", null, null, null));
        assertEquals(1, inbox.get("unreadCount").asInt());
        String id = inbox.at("/items/0/id").asString();
        assertEquals(404, stack.call("readNotification", "ReadNotificationFunction/read-notification_unknown.json", "user-bob", id, null).getStatusCode());
        assertEquals(200, stack.call("readNotification", "ReadNotificationFunction/read-notification_unknown.json", null, id, null).getStatusCode());
        inbox = json(stack.call("listNotifications", "ListNotificationsFunction/list-notifications_first-page.json", null, null, null));
        assertEquals(0, inbox.get("unreadCount").asInt());
        assertFalse(inbox.at("/items/0/unread").asBoolean());
    }

    @Test
    void inboxPagesContinueOnlyForTheOwnerOfTheCursor() {
        stack.notify(NotificationStack.delivery(REGISTERED, UUID.randomUUID().toString(), Map.of()));
        for (String id : List.of("evt-paid-a", "evt-paid-b")) stack.notify(NotificationStack.delivery(PAID, id, Map.of()));
        String cursor = json(listPage("user-alice", Map.of("limit", "1"))).get("nextCursor").asString();
        assertEquals(1, json(listPage("user-alice", Map.of("limit", "1", "cursor", cursor))).get("items").size());
        for (var refused : List.of(listPage("user-bob", Map.of("cursor", cursor)), listPage("user-alice", Map.of("cursor", cursor + "x")),
                listPage("user-alice", Map.of("cursor", "garbage")))) {
            assertEquals(400, refused.getStatusCode());
            assertEquals("https://backplane.dev/problems/invalid-cursor", json(refused).get("type").asString());
        }
    }

    private APIGatewayV2HTTPResponse listPage(String userId, Map<String, String> query) {
        return stack.call("listNotifications", "ListNotificationsFunction/list-notifications_first-page.json", userId, null, null, query);
    }

    @Test
    void aChannelTurnedOffGetsNothingAndUnknownPreferencesAreRefusedByName() {
        stack.notify(NotificationStack.delivery(REGISTERED, UUID.randomUUID().toString(), Map.of()));
        registerWebhook("/hooks/alice");
        APIGatewayV2HTTPResponse put = stack.call("putNotificationPreferences", "PutNotificationPreferencesFunction/put-preferences_email-off.json",
            null, null, Map.of("preferences", Map.of("order.paid", Map.of("email", false, "webhook", false))));
        assertEquals(200, put.getStatusCode(), put.getBody());
        assertFalse(json(put).at("/preferences/order.paid/email").asBoolean());
        assertTrue(json(put).at("/preferences/order.paid/in_app").asBoolean());

        stack.notify(NotificationStack.delivery(PAID, "evt-paid-2", Map.of()));
        assertEquals(0, stack.drain());
        assertEquals(1, stack.outbox("notification.created").size(), "in-app still on");
        assertTrue(stack.mail.mails().isEmpty());
        assertTrue(stack.received.isEmpty());

        APIGatewayV2HTTPResponse bad = stack.call("putNotificationPreferences", "PutNotificationPreferencesFunction/put-preferences_email-off.json",
            null, null, Map.of("preferences", Map.of("order.paid", Map.of("pigeon", true))));
        assertEquals(422, bad.getStatusCode());
        assertEquals("preferences.order.paid.pigeon", json(bad).at("/errors/0/field").asString());
    }

    @Test
    void aDownEndpointIsRetriedThenParkedInTheDlqWithItsAttemptHistory() {
        registerWebhook("/hooks/down");
        stack.webhookStatus.set(503);
        stack.notify(NotificationStack.delivery(PAID, "evt-paid-3", Map.of()));
        stack.drain();
        assertEquals(3, stack.received.size(), "three attempts");
        List<JsonNode> parked = stack.deadLetters();
        assertEquals(1, parked.size());
        JsonNode attempts = parked.getFirst().get("attempts");
        assertEquals(3, attempts.size());
        assertEquals("endpoint answered HTTP 503", attempts.get(2).get("error").asString());
        JsonNode failed = stack.outbox("notification.failed").getFirst().get("data");
        assertEquals("webhook", failed.get("channel").asString());
        assertEquals(3, failed.get("attempt").asInt());
    }

    @Test
    void aRedirectingEndpointFailsItsTestWith422NamingTheUrl() {
        APIGatewayV2HTTPResponse created = stack.call("createWebhook", "CreateWebhookFunction/create-webhook_metadata-address.json", null, null,
            Map.of("url", stack.hookUrl("/redirect")));
        String id = json(created).get("id").asString();
        APIGatewayV2HTTPResponse test = stack.call("testWebhook", "TestWebhookFunction/test-webhook_unknown.json", null, id, null);
        assertEquals(422, test.getStatusCode(), test.getBody());
        assertEquals("url", json(test).at("/errors/0/field").asString());
        JsonNode listed = json(stack.call("listWebhooks", "ListWebhooksFunction/list-webhooks_own.json", null, null, null));
        assertNull(listed.at("/items/0/secret").asString(null), "the secret is shown only once");
        assertEquals(204, stack.call("deleteWebhook", "DeleteWebhookFunction/delete-webhook_unknown.json", null, id, null).getStatusCode());
        assertEquals(404, stack.call("deleteWebhook", "DeleteWebhookFunction/delete-webhook_unknown.json", null, id, null).getStatusCode());
    }

    @Test
    void theSampleEventsRunAsTheyAreDelivered() {
        JsonNode prefs = json(stack.call("getNotificationPreferences", "GetNotificationPreferencesFunction/get-preferences_defaults.json", null, null, null));
        assertEquals(8, prefs.get("preferences").size());
        assertTrue(prefs.at("/preferences/order.paid/in_app").asBoolean());
        assertEquals(0, json(stack.call("readAllNotifications", "ReadAllNotificationsFunction/read-all-notifications_own.json", null, null, null)).get("read").asInt());

        stack.notify(NotificationStack.delivery(REGISTERED, UUID.randomUUID().toString(), Map.of()));
        var response = stack.functions.<com.amazonaws.services.lambda.runtime.events.SQSEvent, com.amazonaws.services.lambda.runtime.events.SQSBatchResponse>invoke(
            "deliverNotifications", com.amazonaws.services.lambda.runtime.events.SQSEvent.class,
            dev.backplane.core.testing.FunctionHarness.event("DeliverNotificationsFunction/sqs_email-job.json"));
        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals("Payment received", stack.mail.mails().getFirst().subject());
    }

    @Test
    void aSlackHookGetsTheNotificationAsPlainTextWithItsLink() {
        APIGatewayV2HTTPResponse r = stack.call("createWebhook", "CreateWebhookFunction/create-webhook_metadata-address.json", null, null,
            Map.of("url", stack.hookUrl("/slack/alice"), "kind", "slack"));
        assertEquals(201, r.getStatusCode(), r.getBody());
        assertEquals("slack", json(r).get("kind").asString());
        assertNull(json(r).get("secret").asString(null), "a Slack hook is not signed: no secret");

        String paid = NotificationStack.delivery(PAID, "evt-paid-slack", Map.of());
        stack.notify(paid);
        stack.notify(paid); // redelivered
        stack.drain();

        assertEquals(1, stack.received.size(), "one Slack post: " + stack.received);
        var post = stack.received.getFirst();
        assertEquals("/slack/alice", post.path());
        assertNull(post.signature());
        JsonNode body = Json.tree(post.body());
        assertTrue(body.size() == 1 && body.has("text"), "Slack's incoming-webhook shape: " + body);
        String text = body.get("text").asString();
        assertTrue(text.startsWith("*Payment received*\nOrder ord_sample_pending is paid"), text);
        assertTrue(text.endsWith("<http://localhost:5173/orders/ord_sample_pending>"), text);
        JsonNode delivered = stack.outbox("notification.delivered").getFirst().get("data");
        assertEquals("slack", delivered.get("channel").asString());
        assertEquals("user-alice", delivered.get("userId").asString());
    }

    @Test
    void aFlaggedOrderNotifiesTheAdminsKnownFromRoleAssignmentsAndNotTheBuyer() {
        stack.notify(NotificationStack.delivery(ROLES, UUID.randomUUID().toString(), Map.of("userId", "user-root", "roles", List.of("user", "admin"))));
        stack.notify(NotificationStack.delivery(ROLES, UUID.randomUUID().toString(), Map.of("userId", "user-former", "roles", List.of("user", "admin"))));
        stack.notify(NotificationStack.delivery(ROLES, UUID.randomUUID().toString(), Map.of("userId", "user-former", "roles", List.of("user"))));
        stack.notify(NotificationStack.delivery(ROLES, UUID.randomUUID().toString(), Map.of("userId", "user-carol", "roles", List.of("user"))));

        String flagged = NotificationStack.delivery(FLAGGED, "evt-flagged-1", Map.of());
        assertTrue(stack.notify(flagged).getBatchItemFailures().isEmpty());
        stack.notify(flagged); // redelivered

        List<JsonNode> created = stack.outbox("notification.created");
        assertEquals(List.of("user-root"), created.stream().map(e -> e.at("/data/userId").asString()).toList(),
            "admins only: not the demoted admin, not the buyer");
        JsonNode n = created.getFirst().get("data");
        assertEquals("Order held for review", n.get("title").asString());
        assertTrue(n.get("body").asString().contains("ord_sample_risky") && n.get("body").asString().contains("85"), n.toString());
        assertEquals("/admin/review", n.get("link").asString());
        JsonNode inbox = json(stack.call("listNotifications", "ListNotificationsFunction/list-notifications_first-page.json", "user-root", null, null));
        assertEquals(1, inbox.get("unreadCount").asInt());
        assertEquals("order.flagged", inbox.at("/items/0/type").asString());
        assertEquals(0, json(stack.call("listNotifications", "ListNotificationsFunction/list-notifications_first-page.json", "user-carol", null, null))
            .get("items").size());
    }

    private String registerWebhook(String path) {
        APIGatewayV2HTTPResponse r = stack.call("createWebhook", "CreateWebhookFunction/create-webhook_metadata-address.json", null, null,
            Map.of("url", stack.hookUrl(path)));
        assertEquals(201, r.getStatusCode(), r.getBody());
        String secret = json(r).get("secret").asString();
        assertTrue(secret.startsWith("whsec_"));
        return secret;
    }

    private static JsonNode json(APIGatewayV2HTTPResponse r) { return Json.tree(r.getBody()); }
}
