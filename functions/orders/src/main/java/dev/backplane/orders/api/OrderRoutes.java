package dev.backplane.orders.api;

import dev.backplane.core.error.NotFoundException;
import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.orders.domain.Catalog;
import dev.backplane.orders.domain.Order;
import dev.backplane.orders.domain.OrderReview;
import dev.backplane.orders.domain.OrderService;
import dev.backplane.orders.domain.PlaceOrder;
import dev.backplane.orders.domain.ReviewOrder;

/** Thin handlers: parse → authorize (caller) → domain → view. */
public final class OrderRoutes {
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    private final OrderService orders;
    private final Catalog catalog;
    private final OrderReview review;

    public OrderRoutes(OrderService orders, Catalog catalog, OrderReview review) {
        this.orders = orders;
        this.catalog = catalog;
        this.review = review;
    }

    public ApiResponse listProducts(ApiRequest request) {
        return ApiResponse.ok(Views.page(catalog.list(request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE),
            request.query("cursor").orElse(null)), Views::product));
    }

    public ApiResponse getProduct(ApiRequest request) {
        String id = request.pathParameter("id");
        return ApiResponse.ok(Views.product(catalog.find(id).orElseThrow(() -> new NotFoundException("product", id))));
    }

    public ApiResponse placeOrder(ApiRequest request) {
        var caller = request.requireCaller();
        Order order = orders.place(caller, request.body(PlaceOrder.class), request.trace());
        return ApiResponse.created("/orders/" + order.id(), Views.order(order));
    }

    public ApiResponse listOrders(ApiRequest request) {
        var caller = request.requireCaller();
        return ApiResponse.ok(Views.page(orders.list(caller, request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE),
            request.query("cursor").orElse(null)), Views::order));
    }

    public ApiResponse getOrder(ApiRequest request) {
        return ApiResponse.ok(Views.order(orders.get(request.requireCaller(), request.pathParameter("id"))));
    }

    public ApiResponse cancelOrder(ApiRequest request) {
        return ApiResponse.ok(Views.order(orders.cancel(request.requireCaller(), request.pathParameter("id"), request.trace())));
    }

    public ApiResponse reviewOrder(ApiRequest request) {
        var caller = request.requireCaller();
        return ApiResponse.ok(Views.order(review.decide(caller, request.pathParameter("id"), request.body(ReviewOrder.class), request.trace())));
    }

    public ApiResponse listFlaggedOrders(ApiRequest request) {
        return ApiResponse.ok(Views.page(review.queue(request.requireCaller(), request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE),
            request.query("cursor").orElse(null)), Views::order));
    }
}
