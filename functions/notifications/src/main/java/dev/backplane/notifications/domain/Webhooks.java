package dev.backplane.notifications.domain;

import dev.backplane.core.auth.Caller;
import dev.backplane.core.error.ConflictException;
import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.error.ValidationException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** A user's outgoing webhooks and Slack hooks: SSRF-checked on registration, secret shown once, test sends. */
public final class Webhooks {
    public static final int MAX_PER_USER = 5;
    private final NotificationStore store;
    private final UrlGuard guard;
    private final ChannelSender http;
    private final Clock clock;

    public record Register(String url, String kind) {}

    public record TestResult(boolean delivered, String error) {}

    public Webhooks(NotificationStore store, UrlGuard guard, ChannelSender http, Clock clock) {
        this.store = store;
        this.guard = guard;
        this.http = http;
        this.clock = clock;
    }

    public List<Webhook> list(Caller caller) { return store.webhooks(caller.userId()); }

    public Webhook register(Caller caller, Register command) {
        String kind = command.kind() == null ? Webhook.GENERIC : command.kind();
        if (!Webhook.GENERIC.equals(kind) && !Webhook.SLACK.equals(kind)) throw ValidationException.of("kind", "must be 'webhook' or 'slack'");
        guard.check(command.url(), "url");
        Webhook webhook = new Webhook("wh_" + UUID.randomUUID().toString().replace("-", ""), caller.userId(), kind,
            command.url().trim(), WebhookSignature.newSecret(), clock.instant());
        if (!store.addWebhook(webhook, MAX_PER_USER)) {
            throw new ConflictException("too-many-webhooks", "at most " + MAX_PER_USER + " webhooks per user; delete one first");
        }
        return webhook;
    }

    public void delete(Caller caller, String id) {
        if (!store.deleteWebhook(caller.userId(), id)) throw new NotFoundException("webhook", id);
    }

    /** Sends a sample notification now. A redirect or an unsafe address is a 422 naming the url; other failures are reported. */
    public TestResult test(Caller caller, String id) {
        Webhook webhook = store.webhooks(caller.userId()).stream().filter(w -> w.id().equals(id)).findFirst()
            .orElseThrow(() -> new NotFoundException("webhook", id));
        var data = dev.backplane.core.json.Json.object().put("test", true);
        DeliveryJob job = new DeliveryJob("test#" + id, "test", "webhook.test", caller.userId(), webhook.channel().id(), id,
            "Test notification", "This is a test from Backplane.", "/settings/notifications", data, null, 0);
        try {
            http.send(job, new Recipient(caller.userId(), null, List.of()), webhook);
            return new TestResult(true, null);
        } catch (ChannelSender.DeliveryFailed e) {
            if (e.getMessage() != null && e.getMessage().startsWith("redirect")) throw ValidationException.of("url", e.getMessage());
            return new TestResult(false, e.getMessage());
        }
    }
}
