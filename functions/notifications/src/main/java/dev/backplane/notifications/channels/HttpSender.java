package dev.backplane.notifications.channels;

import dev.backplane.core.json.Json;
import dev.backplane.notifications.domain.ChannelSender;
import dev.backplane.notifications.domain.DeliveryJob;
import dev.backplane.notifications.domain.Recipient;
import dev.backplane.notifications.domain.UrlGuard;
import dev.backplane.notifications.domain.Webhook;
import dev.backplane.notifications.domain.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Webhook and Slack deliveries over HTTPS: the URL is re-checked against SSRF rules right before sending (DNS may
 * have changed since registration), redirects are never followed, 5 s timeouts, only 2xx counts as delivered.
 * Webhooks get a signed JSON body; Slack incoming webhooks get {@code {"text": …}}.
 */
public final class HttpSender implements ChannelSender {
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final UrlGuard guard;
    private final Clock clock;
    private final String appUrl;

    public HttpSender(UrlGuard guard, Clock clock, String appUrl) {
        this.guard = guard;
        this.clock = clock;
        this.appUrl = appUrl;
    }

    @Override
    public void send(DeliveryJob job, Recipient recipient, Webhook webhook) {
        URI uri = guard.check(webhook.url(), "url");
        String link = appUrl + job.link();
        String body;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).header("content-type", "application/json")
            .header("user-agent", "Backplane-Webhooks/1");
        if (Webhook.SLACK.equals(webhook.kind())) {
            body = Json.write(Map.of("text", "*" + job.title() + "*\n" + job.body() + "\n<" + link + ">"));
        } else {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", job.key());
            payload.put("type", job.eventType());
            payload.put("eventId", job.eventId());
            payload.put("title", job.title());
            payload.put("body", job.body());
            payload.put("link", link);
            payload.put("data", job.data());
            payload.put("sentAt", clock.instant().toString());
            body = Json.write(payload);
            request.header(WebhookSignature.HEADER, WebhookSignature.header(webhook.secret(), clock.instant().getEpochSecond(), body));
        }
        HttpResponse<Void> response;
        try {
            response = CLIENT.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryFailed("endpoint unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted");
        }
        int status = response.statusCode();
        if (status >= 300 && status < 400) throw new DeliveryFailed("redirect (HTTP " + status + ") refused: redirects are not followed");
        if (status < 200 || status >= 300) throw new DeliveryFailed("endpoint answered HTTP " + status);
    }
}
