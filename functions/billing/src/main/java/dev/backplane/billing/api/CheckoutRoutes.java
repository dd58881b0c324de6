package dev.backplane.billing.api;

import dev.backplane.billing.domain.CheckoutService;
import dev.backplane.billing.domain.CheckoutSession;
import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;

/** Thin handlers for opening hosted checkouts (orders and credit packs). */
public final class CheckoutRoutes {
    record SessionView(String sessionId, String url, String expiresAt) {
        static SessionView of(CheckoutSession s) { return new SessionView(s.id(), s.url(), s.expiresAt().toString()); }
    }

    private final CheckoutService checkout;

    public CheckoutRoutes(CheckoutService checkout) { this.checkout = checkout; }

    public ApiResponse checkoutOrder(ApiRequest request) {
        return ApiResponse.ok(SessionView.of(checkout.checkoutOrder(request.requireCaller(), request.pathParameter("id"), request.trace())));
    }

    public ApiResponse checkoutCreditPack(ApiRequest request) {
        return ApiResponse.ok(SessionView.of(checkout.checkoutCreditPack(request.requireCaller(), request.pathParameter("id"), request.trace())));
    }
}
