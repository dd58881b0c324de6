package dev.backplane.notifications.api;

import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.notifications.domain.Inbox;
import dev.backplane.notifications.domain.Notification;
import dev.backplane.notifications.domain.Webhook;
import dev.backplane.notifications.domain.Webhooks;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Thin handlers for /notifications and /me/{notification-preferences,webhooks}. */
public final class NotificationRoutes {
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    private final Inbox inbox;
    private final Webhooks webhooks;

    record NotificationView(String id, String type, String title, String body, String link, Instant createdAt, Instant readAt, boolean unread) {}

    record InboxView(List<NotificationView> items, String nextCursor, long unreadCount) {}

    /** The secret appears only in the response that created the webhook. */
    record WebhookView(String id, String kind, String url, Instant createdAt, String secret) {}

    record PreferencesBody(Map<String, Map<String, Boolean>> preferences) {}

    public NotificationRoutes(Inbox inbox, Webhooks webhooks) {
        this.inbox = inbox;
        this.webhooks = webhooks;
    }

    public ApiResponse list(ApiRequest request) {
        var listing = inbox.list(request.requireCaller(), request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE), request.query("cursor").orElse(null));
        return ApiResponse.ok(new InboxView(listing.page().items().stream().map(NotificationRoutes::view).toList(),
            listing.page().nextCursor(), listing.unreadCount()));
    }

    public ApiResponse read(ApiRequest request) { return ApiResponse.ok(view(inbox.read(request.requireCaller(), request.pathParameter("id")))); }

    public ApiResponse readAll(ApiRequest request) { return ApiResponse.ok(Map.of("read", inbox.readAll(request.requireCaller()))); }

    public ApiResponse preferences(ApiRequest request) {
        return ApiResponse.ok(new PreferencesBody(inbox.preferences(request.requireCaller())));
    }

    public ApiResponse updatePreferences(ApiRequest request) {
        var caller = request.requireCaller();
        return ApiResponse.ok(new PreferencesBody(inbox.updatePreferences(caller, request.body(PreferencesBody.class).preferences())));
    }

    public ApiResponse listWebhooks(ApiRequest request) {
        return ApiResponse.ok(Map.of("items", webhooks.list(request.requireCaller()).stream().map(w -> view(w, false)).toList()));
    }

    public ApiResponse createWebhook(ApiRequest request) {
        var caller = request.requireCaller();
        Webhook created = webhooks.register(caller, request.body(Webhooks.Register.class));
        return ApiResponse.created("/me/webhooks/" + created.id(), view(created, true));
    }

    public ApiResponse deleteWebhook(ApiRequest request) {
        webhooks.delete(request.requireCaller(), request.pathParameter("id"));
        return new ApiResponse(204, Map.of(), null);
    }

    public ApiResponse testWebhook(ApiRequest request) {
        return ApiResponse.ok(webhooks.test(request.requireCaller(), request.pathParameter("id")));
    }

    private static NotificationView view(Notification n) {
        return new NotificationView(n.id(), n.eventType(), n.title(), n.body(), n.link(), n.createdAt(), n.readAt(), n.unread());
    }

    private static WebhookView view(Webhook w, boolean withSecret) {
        return new WebhookView(w.id(), w.kind(), w.url(), w.createdAt(), withSecret && Webhook.GENERIC.equals(w.kind()) ? w.secret() : null);
    }
}
