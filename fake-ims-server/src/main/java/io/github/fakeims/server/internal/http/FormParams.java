package io.github.fakeims.server.internal.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Request parameters from the query string and the body, merged (the body wins when both carry a
 * name). Each value is kept decoded and as sent, because some real clients do not URL-encode form
 * values: a secret sent raw as {@code a+b} must still match {@code a+b}, not {@code a b}.
 */
public final class FormParams {

    /** One parameter value: {@code decoded} for ordinary use, {@code raw} as it was on the wire. */
    public record Value(String decoded, String raw) {
    }

    private static final FormParams EMPTY = new FormParams(Map.of());

    private final Map<String, Value> values;

    FormParams(Map<String, Value> values) {
        this.values = Map.copyOf(values);
    }

    public static FormParams empty() {
        return EMPTY;
    }

    public static FormParams of(Map<String, String> decodedValues) {
        Map<String, Value> values = new LinkedHashMap<>();
        decodedValues.forEach((name, value) -> values.put(name, new Value(value, value)));
        return new FormParams(values);
    }

    /** The decoded value of a parameter; blank values count as absent. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).map(Value::decoded).filter(value -> !value.isBlank());
    }

    /** Whether the parameter, decoded or as sent, equals {@code expected}. */
    public boolean matches(String name, String expected) {
        Value value = values.get(name);
        return value != null && (value.decoded().equals(expected) || value.raw().equals(expected));
    }

    public Map<String, Value> asMap() {
        return values;
    }

    /** This, with {@code other}'s values added where this has none. */
    public FormParams withFallback(FormParams other) {
        Map<String, Value> merged = new LinkedHashMap<>(other.values);
        merged.putAll(values);
        return new FormParams(merged);
    }

    /** This, with {@code name} set to {@code value}. */
    public FormParams with(String name, Value value) {
        Map<String, Value> more = new LinkedHashMap<>(values);
        more.put(name, value);
        return new FormParams(more);
    }

    /** The value as sent, if any. */
    public Optional<Value> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public List<String> names() {
        return List.copyOf(values.keySet());
    }
}
