// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backplane.devstack.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Amazon SES v2 that keeps every email instead of sending it. Functions reach it through
 * {@code AWS_ENDPOINT_URL_SESV2}: {@code POST /v2/email/outbound-emails} (SendEmail, simple content) answers with a
 * MessageId. People read the mails at {@code /} (a small web view), tests at {@code GET /api/messages}
 * ({@code ?to=} filters by recipient) and clear them with {@code DELETE /api/messages}. Other SES operations fail
 * loudly, naming the path. Nothing leaves the machine.
 */
public final class MailCatcher implements AutoCloseable {
    private static final int MAX_KEPT = 1000;
    private final HttpServer server;
    private final List<CaughtMail> mails = new CopyOnWriteArrayList<>();

    private MailCatcher(HttpServer server) { this.server = server; }

    public static MailCatcher start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            MailCatcher catcher = new MailCatcher(server);
            server.createContext("/", catcher::handle);
            server.start();
            return catcher;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the mail catcher port " + port, e);
        }
    }

    public String url() { return "http://localhost:" + server.getAddress().getPort(); }

    public List<CaughtMail> mails() { return List.copyOf(mails); }

    /** Keeps a mail another local service sends (e.g. a Cognito user pool's verification code). */
    public void keep(String from, String to, String subject, String text) {
        add(new CaughtMail(UUID.randomUUID().toString(), from, List.of(to), subject, text, null, Instant.now().toString()));
    }

    private void add(CaughtMail mail) {
        mails.add(mail);
        while (mails.size() > MAX_KEPT) mails.removeFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("POST") && path.equals("/v2/email/outbound-emails")) {
                CaughtMail mail = parse(Json.parse(exchange.getRequestBody().readAllBytes()));
                add(mail);
                reply(exchange, 200, "application/json", Json.object().put("MessageId", mail.id()).toString());
            } else if (method.equals("GET") && path.equals("/api/messages")) {
                String query = exchange.getRequestURI().getQuery();
                String to = query != null && query.startsWith("to=") ? java.net.URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8) : null;
                var list = mails.stream().filter(m -> to == null || m.to().contains(to)).toList();
                reply(exchange, 200, "application/json", Json.MAPPER.writeValueAsString(list));
            } else if (method.equals("DELETE") && path.equals("/api/messages")) {
                mails.clear();
                reply(exchange, 204, null, null);
            } else if (method.equals("GET") && path.equals("/")) {
                reply(exchange, 200, "text/html; charset=utf-8", MailPage.html(mails()));
            } else {
                reply(exchange, 400, "application/json", Json.object().put("message",
                    "devstack's mail catcher implements SES v2 SendEmail (POST /v2/email/outbound-emails) only, not " + method + " " + path).toString());
            }
        } catch (RuntimeException e) {
            reply(exchange, 400, "application/json", Json.object().put("message", "bad request: " + e.getMessage()).toString());
        }
    }

    static CaughtMail parse(JsonNode request) {
        List<String> to = new ArrayList<>();
        request.path("Destination").path("ToAddresses").forEach(a -> to.add(a.asText()));
        JsonNode simple = request.path("Content").path("Simple");
        if (simple.isMissingNode()) throw new IllegalArgumentException("only Content.Simple emails are supported");
        return new CaughtMail(UUID.randomUUID().toString(), request.path("FromEmailAddress").asText(""), to,
            simple.path("Subject").path("Data").asText(""), simple.path("Body").path("Text").path("Data").asText(null),
            simple.path("Body").path("Html").path("Data").asText(null), Instant.now().toString());
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (type != null) exchange.getResponseHeaders().set("content-type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() { server.stop(0); }
}
