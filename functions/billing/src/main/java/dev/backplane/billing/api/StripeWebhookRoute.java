package dev.backplane.billing.api;

import dev.backplane.billing.domain.CheckoutStore;
import dev.backplane.billing.domain.StripeNotice;
import dev.backplane.billing.domain.StripeTranslation;
import dev.backplane.billing.domain.WebhookInbox;
import dev.backplane.billing.domain.WebhookOutcome;
import dev.backplane.billing.stripe.StripeSignature;
import dev.backplane.core.event.Actor;
import dev.backplane.core.event.Trace;
import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/stripe}: verify, translate, record once, answer. Only DynamoDB writes happen inline (a few
 * ms); everything slow reacts to the emitted events. The chain's correlation id comes back from Stripe metadata.
 * A signed event we cannot honour (a broken envelope, wrong field types, or a payment that does not match the checkout
 * we opened) is answered 200 — Stripe retrying it would not change it — recorded as rejected with its reason, and
 * counted in the {@code stripe.webhook.rejected} metric, which the template alarms on.
 */
public final class StripeWebhookRoute {
    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookRoute.class);
    static final Actor STRIPE = new Actor("stripe", List.of("system"));

    record Receipt(boolean received, boolean duplicate, boolean ignored, boolean rejected) {}

    private final StripeSignature signature;
    private final WebhookInbox inbox;
    private final CheckoutStore checkouts;
    private final boolean livemode;
    private final BillingMetrics metrics;

    public StripeWebhookRoute(StripeSignature signature, WebhookInbox inbox, CheckoutStore checkouts, boolean livemode, BillingMetrics metrics) {
        this.signature = signature;
        this.inbox = inbox;
        this.checkouts = checkouts;
        this.livemode = livemode;
        this.metrics = metrics;
    }

    public ApiResponse receive(ApiRequest request) {
        StripeNotice notice = signature.verify(request.rawBody(), request.header("stripe-signature").orElse(null));
        WebhookOutcome outcome = StripeTranslation.translate(notice, checkouts::expected, livemode);
        if (outcome.isRejected()) {
            boolean first = inbox.reject(notice.eventId(), notice.type(), outcome.rejection(), new Trace(request.correlationId(), notice.eventId(), STRIPE));
            LOG.warn("stripe event {} ({}) rejected: {}", notice.eventId(), notice.type(), outcome.rejection());
            if (first) metrics.count(BillingMetrics.WEBHOOK_REJECTED);
            return ApiResponse.ok(new Receipt(true, !first, false, true));
        }
        if (!outcome.actsOnIt()) {
            LOG.info("stripe event {} of type {} needs no action", notice.eventId(), notice.type());
            return ApiResponse.ok(new Receipt(true, false, true, false));
        }
        String fromStripe = outcome.correlationId();
        String correlationId = fromStripe != null && fromStripe.matches("[A-Za-z0-9._:-]{8,128}") ? fromStripe : request.correlationId();
        boolean first = inbox.accept(notice.eventId(), outcome, new Trace(correlationId, notice.eventId(), STRIPE));
        LOG.info("stripe event {} ({}) {}", notice.eventId(), notice.type(), first ? "recorded" : "was a duplicate");
        return ApiResponse.ok(new Receipt(true, !first, false, false));
    }
}
