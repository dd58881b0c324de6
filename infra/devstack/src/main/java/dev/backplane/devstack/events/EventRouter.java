package dev.backplane.devstack.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backplane.devstack.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * EventBridge's PutEvents semantics: validates each entry, builds the event exactly as EventBridge delivers it
 * (version, id, detail-type, source, account, time, region, resources, detail), matches it against the rules of
 * its bus and hands it to every target of every matching, enabled rule.
 */
public final class EventRouter {
    public static final int MAX_ENTRIES = 10;
    public static final int MAX_REQUEST_BYTES = 256 * 1024;
    private final Set<String> buses;
    private final List<Rule> rules;
    private final TargetDelivery delivery;
    private final String region;
    private final String accountId;

    public EventRouter(Set<String> buses, List<Rule> rules, TargetDelivery delivery, String region, String accountId) {
        this.buses = Set.copyOf(buses);
        this.rules = List.copyOf(rules);
        this.delivery = delivery;
        this.region = region;
        this.accountId = accountId;
    }

    public List<Rule> rules() { return rules; }

    /** A request-level error (the whole call fails, e.g. too many entries), reported as a JSON 1.1 error. */
    public static final class RequestError extends RuntimeException {
        public final String type;

        RequestError(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    /** The PutEvents operation: request and response in the AWS JSON 1.1 shape. */
    public ObjectNode putEvents(JsonNode request) {
        JsonNode entries = request.path("Entries");
        if (!entries.isArray() || entries.isEmpty()) throw new RequestError("ValidationException", "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
        if (entries.size() > MAX_ENTRIES) {
            throw new RequestError("ValidationException", "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to " + MAX_ENTRIES);
        }
        int size = 0;
        for (JsonNode e : entries) size += entrySize(e);
        if (size > MAX_REQUEST_BYTES) throw new RequestError("ValidationException", "Total size of the entries in the request is over the limit.");
        ObjectNode response = Json.object();
        ArrayNode results = Json.array();
        int failed = 0;
        Map<Delivery, List<JsonNode>> deliveries = new LinkedHashMap<>();
        for (JsonNode entry : entries) {
            ObjectNode result = results.addObject();
            String error = validate(entry);
            if (error != null) {
                failed++;
                result.put("ErrorCode", error.substring(0, error.indexOf(':')));
                result.put("ErrorMessage", error.substring(error.indexOf(':') + 2));
                continue;
            }
            ObjectNode event = event(entry);
            result.put("EventId", event.get("id").asText());
            matches(busName(entry), event).forEach(d -> deliveries.computeIfAbsent(d, k -> new ArrayList<>()).add(event));
        }
        deliverAll(deliveries);
        response.put("FailedEntryCount", failed);
        response.set("Entries", results);
        return response;
    }

    /** Size as AWS counts it: Time (14 bytes), Source, DetailType, Detail and Resources, in UTF-8. */
    private static int entrySize(JsonNode e) {
        int size = e.has("Time") ? 14 : 0;
        for (String f : new String[] {"Source", "DetailType", "Detail"}) size += e.path(f).asText("").getBytes(StandardCharsets.UTF_8).length;
        for (JsonNode r : e.path("Resources")) size += r.asText().getBytes(StandardCharsets.UTF_8).length;
        return size;
    }

    private String validate(JsonNode entry) {
        if (entry.path("Source").asText("").isBlank()) return "InvalidArgument: Parameter Source is not valid. Reason: Source is a required argument.";
        if (entry.path("DetailType").asText("").isBlank()) return "InvalidArgument: Parameter DetailType is not valid. Reason: DetailType is a required argument.";
        if (!entry.hasNonNull("Detail")) return "InvalidArgument: Parameter Detail is not valid. Reason: Detail is a required argument.";
        JsonNode detail = Json.tryParse(entry.get("Detail").asText());
        if (detail == null || !detail.isObject()) return "MalformedDetail: Detail is malformed.";
        if (!buses.contains(busName(entry))) return "ResourceNotFoundException: Event bus " + busName(entry) + " does not exist.";
        return null;
    }

    /** EventBusName may be a name or an ARN (arn:aws:events:region:account:event-bus/NAME); absent means default. */
    private static String busName(JsonNode entry) {
        String bus = entry.path("EventBusName").asText("");
        if (bus.isBlank()) return "default";
        int slash = bus.lastIndexOf('/');
        return bus.startsWith("arn:") && slash > 0 ? bus.substring(slash + 1) : bus;
    }

    private ObjectNode event(JsonNode entry) {
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", entry.get("DetailType").asText());
        event.put("source", entry.get("Source").asText());
        event.put("account", accountId);
        Instant time = entry.hasNonNull("Time") ? Instant.ofEpochMilli((long) (entry.get("Time").asDouble() * 1000)) : Instant.now();
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.set("resources", entry.has("Resources") ? entry.get("Resources") : Json.array());
        event.set("detail", Json.parse(entry.get("Detail").asText()));
        return event;
    }

    /** Also used by schedules and tests: deliver an already-built event on a bus. */
    public void route(String bus, JsonNode event) {
        Map<Delivery, List<JsonNode>> deliveries = new LinkedHashMap<>();
        matches(bus, event).forEach(d -> deliveries.put(d, List.of(event)));
        deliverAll(deliveries);
    }

    /** One rule's target. */
    private record Delivery(Rule rule, Target target) {}

    private List<Delivery> matches(String bus, JsonNode event) {
        String json = event.toString();
        List<Delivery> out = new ArrayList<>();
        for (Rule rule : rules) {
            if (!rule.enabled() || !rule.busName().equals(bus) || !rule.pattern().matches(json)) continue;
            for (Target t : rule.targets()) out.add(new Delivery(rule, t));
        }
        return out;
    }

    /**
     * Each target gets its events of the call in entry order (one batch send per queue), targets concurrently: a
     * call's latency is its slowest target's, not the sum of all, as with EventBridge's parallel fan-out.
     */
    private void deliverAll(Map<Delivery, List<JsonNode>> deliveries) {
        if (deliveries.isEmpty()) return;
        if (deliveries.size() == 1) {
            deliveries.forEach(this::deliver);
            return;
        }
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            deliveries.forEach((d, events) -> threads.submit(() -> deliver(d, events)));
        }
    }

    private void deliver(Delivery d, List<JsonNode> events) { delivery.deliverAll(d.rule().name(), d.rule().arn(), d.target(), events); }

    public static Map<String, String> jsonError(String type, String message) { return Map.of("__type", type, "message", message); }
}
