package dev.backplane.core.http;

/** One endpoint's logic: parse, authorize, call the domain, map the result. */
@FunctionalInterface
public interface Route {
    ApiResponse handle(ApiRequest request);
}
