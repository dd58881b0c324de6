package dev.backplane.core.http;

import java.util.Map;

/** What an endpoint answers: status, extra headers and a body object rendered as JSON (null for none). */
public record ApiResponse(int status, Map<String, String> headers, Object body) {
    public static ApiResponse ok(Object body) { return new ApiResponse(200, Map.of(), body); }

    public static ApiResponse created(String location, Object body) { return new ApiResponse(201, Map.of("location", location), body); }

    public static ApiResponse accepted(Object body) { return new ApiResponse(202, Map.of(), body); }

}
