package dev.backplane.devstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backplane.devstack.lambda.Invoker;
import dev.backplane.devstack.lambda.LambdaRuntime;
import dev.backplane.devstack.schedule.Schedule;
import dev.backplane.devstack.schedule.Scheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * devstack's own admin API under {@code /_devstack/} (on the EventBridge port), for tests and the CLI:
 * {@code GET health}, {@code GET schedules}, {@code POST schedules/{id}/fire},
 * {@code POST functions/{id}/invoke} (synchronous invoke; the body is the event; 200 with the response, or 200 with
 * Lambda's error document and header X-Amz-Function-Error, as the Invoke API answers),
 * {@code POST functions/{id}/kill} (SIGKILLs the function's live instances, busy ones included: crash drills; 200
 * {@code {"killed": n}}).
 */
final class AdminApi implements HttpHandler {
    private final LambdaRuntime lambda;
    private final Scheduler scheduler;
    private final LongSupplier startupMillis;

    AdminApi(LambdaRuntime lambda, Scheduler scheduler, LongSupplier startupMillis) {
        this.lambda = lambda;
        this.scheduler = scheduler;
        this.startupMillis = startupMillis;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().substring("/_devstack/".length()).split("/");
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path[0].equals("health")) {
                ObjectNode body = Json.object().put("status", "ok").put("startupMillis", startupMillis.getAsLong());
                reply(exchange, 200, body.toString());
            } else if (method.equals("GET") && path[0].equals("schedules") && path.length == 1) {
                var list = Json.array();
                for (Schedule s : scheduler.schedules()) {
                    list.addObject().put("id", s.id()).put("name", s.name()).put("expression", s.expression().toString()).put("enabled", s.enabled());
                }
                reply(exchange, 200, list.toString());
            } else if (method.equals("POST") && path[0].equals("schedules") && path.length == 3 && path[2].equals("fire")) {
                var schedule = scheduler.find(path[1]);
                if (schedule.isEmpty()) {
                    reply(exchange, 404, Json.object().put("message", "no schedule " + path[1]).toString());
                    return;
                }
                scheduler.fire(schedule.get());
                reply(exchange, 202, Json.object().put("fired", schedule.get().id()).toString());
            } else if (method.equals("POST") && path[0].equals("functions") && path.length == 3 && path[2].equals("invoke")) {
                byte[] event = exchange.getRequestBody().readAllBytes();
                if (!lambda.functionIds().contains(path[1])) {
                    reply(exchange, 404, Json.object().put("message", "no function " + path[1]).toString());
                    return;
                }
                try {
                    reply(exchange, 200, new String(lambda.invoke(path[1], event), StandardCharsets.UTF_8));
                } catch (Invoker.FunctionError e) {
                    exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
                    reply(exchange, 200, Json.object().put("errorType", e.errorType()).put("errorMessage", e.getMessage()).toString());
                }
            } else if (method.equals("POST") && path[0].equals("functions") && path.length == 3 && path[2].equals("kill")) {
                exchange.getRequestBody().readAllBytes();
                if (!lambda.functionIds().contains(path[1])) {
                    reply(exchange, 404, Json.object().put("message", "no function " + path[1]).toString());
                    return;
                }
                reply(exchange, 200, Json.object().put("killed", lambda.crashInstances(path[1])).toString());
            } else if (path[0].equals("unsupported")) {
                // a function's SDK call to an AWS service devstack does not run (the sandbox redirects it here)
                exchange.getRequestBody().readAllBytes();
                String service = path.length > 1 ? path[1] : "this service";
                exchange.getResponseHeaders().set("x-amzn-ErrorType", "UnsupportedOperation");
                reply(exchange, 501, Json.object().put("__type", "UnsupportedOperation").put("message", "devstack does not emulate "
                    + service + "; the call was stopped locally instead of reaching AWS").toString());
            } else {
                reply(exchange, 404, Json.object().put("message", "unknown admin call " + method + " " + exchange.getRequestURI().getPath()).toString());
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
