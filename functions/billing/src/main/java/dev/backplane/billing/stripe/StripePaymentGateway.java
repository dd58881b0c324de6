package dev.backplane.billing.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import dev.backplane.billing.domain.CheckoutRequest;
import dev.backplane.billing.domain.CheckoutSession;
import dev.backplane.billing.domain.PaymentGateway;
import dev.backplane.billing.domain.PaymentRefused;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The payment port on Stripe's Java client. {@code apiBase} (STRIPE_API_BASE) points it at the devstack simulator;
 * unset, it talks to api.stripe.com with whatever key it was given (test keys for development).
 */
public final class StripePaymentGateway implements PaymentGateway {
    private final StripeClient stripe;

    public StripePaymentGateway(String apiKey, String apiBase) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(apiKey).setMaxNetworkRetries(2)
            .setConnectTimeout(3_000).setReadTimeout(10_000);
        if (apiBase != null) builder.setApiBase(apiBase);
        this.stripe = builder.build();
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest r, String idempotencyKey) {
        SessionCreateParams.PaymentIntentData.Builder intent = SessionCreateParams.PaymentIntentData.builder();
        SessionCreateParams.Builder params = SessionCreateParams.builder().setMode(SessionCreateParams.Mode.PAYMENT)
            .setClientReferenceId(r.clientReferenceId()).setSuccessUrl(r.successUrl()).setCancelUrl(r.cancelUrl())
            .setExpiresAt(r.expiresAt().getEpochSecond());
        // metadata on the session and on its payment intent: charge/refund webhooks carry the intent's metadata
        r.metadata().forEach((k, v) -> {
            params.putMetadata(k, v);
            intent.putMetadata(k, v);
        });
        params.setPaymentIntentData(intent.build());
        for (CheckoutRequest.LineItem line : r.lines()) {
            params.addLineItem(SessionCreateParams.LineItem.builder().setQuantity(line.quantity())
                .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency(r.currency().toLowerCase(Locale.ROOT))
                    .setUnitAmount(line.unitAmount())
                    .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName(line.name()).build())
                    .build())
                .build());
        }
        try {
            var session = stripe.v1().checkout().sessions().create(params.build(), options(idempotencyKey));
            return new CheckoutSession(session.getId(), session.getUrl(), Instant.ofEpochSecond(session.getExpiresAt()));
        } catch (StripeException e) {
            throw new PaymentProviderException("creating a checkout session failed", e);
        }
    }

    @Override
    public void refund(String paymentIntentId, String idempotencyKey, Map<String, String> metadata) {
        RefundCreateParams.Builder params = RefundCreateParams.builder().setPaymentIntent(paymentIntentId);
        metadata.forEach(params::putMetadata);
        try {
            stripe.v1().refunds().create(params.build(), options(idempotencyKey));
        } catch (com.stripe.exception.InvalidRequestException e) {
            // a retry after Stripe's 24 h idempotency window: the refund we asked for happened, which is the goal
            if ("charge_already_refunded".equals(e.getCode())) return;
            // 4xx other than rate limits and conflicts: the same request can never succeed (e.g. resource_missing)
            Integer status = e.getStatusCode();
            if (status != null && status >= 400 && status < 500 && status != 409 && status != 429) {
                throw new PaymentRefused("refunding payment " + paymentIntentId + " was refused", String.valueOf(e.getCode()));
            }
            throw new PaymentProviderException("refunding payment " + paymentIntentId + " failed", e);
        } catch (StripeException e) {
            throw new PaymentProviderException("refunding payment " + paymentIntentId + " failed", e);
        }
    }

    @Override
    public void expireCheckout(String sessionId) {
        try {
            stripe.v1().checkout().sessions().expire(sessionId, options("expire:" + sessionId));
        } catch (com.stripe.exception.InvalidRequestException e) {
            // not open any more (paid or expired in the meantime): the goal, a closed session, holds
            if (!isOpen(sessionId)) return;
            throw new PaymentProviderException("expiring checkout session " + sessionId + " failed", e);
        } catch (StripeException e) {
            throw new PaymentProviderException("expiring checkout session " + sessionId + " failed", e);
        }
    }

    private boolean isOpen(String sessionId) {
        try {
            return "open".equals(stripe.v1().checkout().sessions().retrieve(sessionId).getStatus());
        } catch (StripeException e) {
            throw new PaymentProviderException("reading checkout session " + sessionId + " failed", e);
        }
    }

    private static RequestOptions options(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }
}
