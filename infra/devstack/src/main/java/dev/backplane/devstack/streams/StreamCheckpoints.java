package dev.backplane.devstack.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backplane.devstack.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a stream mapping got to, per shard: the last sequence number handled, or {@value #FINISHED}. Kept in a file
 * with {@code --persist} so a restart continues where it stopped (like an event source mapping on AWS) instead of
 * replaying the table's whole stream; in memory otherwise.
 */
final class StreamCheckpoints {
    static final String FINISHED = "finished";
    private final Path file;
    private final Map<String, String> positions = new LinkedHashMap<>();

    StreamCheckpoints(Path file, String streamArn) {
        this.file = file;
        if (file == null || !Files.exists(file)) return;
        JsonNode saved = Json.parse(read(file));
        if (!streamArn.equals(saved.path("streamArn").asText())) return; // the table was re-created: a new stream
        saved.path("shards").properties().forEach(e -> positions.put(e.getKey(), e.getValue().asText()));
    }

    String position(String shardId) { return positions.get(shardId); }

    void record(String shardId, String sequenceNumberOrFinished, String streamArn) {
        positions.put(shardId, sequenceNumberOrFinished);
        if (file == null) return;
        ObjectNode json = Json.object().put("streamArn", streamArn);
        ObjectNode shards = json.putObject("shards");
        positions.forEach(shards::put);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, Json.bytes(json));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save stream checkpoint " + file, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
