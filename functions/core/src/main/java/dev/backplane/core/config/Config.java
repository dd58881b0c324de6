package dev.backplane.core.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Function configuration: environment variables on Lambda, an explicit map in tests. */
public final class Config {
    private final UnaryOperator<String> source;

    private Config(UnaryOperator<String> source) { this.source = source; }

    public static Config fromEnvironment() { return new Config(System::getenv); }

    public static Config of(Map<String, String> values) { return new Config(values::get); }

    public Optional<String> find(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public String require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("missing configuration: environment variable " + name));
    }

    public String get(String name, String fallback) { return find(name).orElse(fallback); }

    public int getInt(String name, int fallback) { return find(name).map(Integer::parseInt).orElse(fallback); }
}
