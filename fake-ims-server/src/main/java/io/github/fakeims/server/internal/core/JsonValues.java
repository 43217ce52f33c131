package io.github.fakeims.server.internal.core;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of a parsed JSON object's fields, failing with a message the caller prefixes with the
 * field's path. Shared by the config file and the admin API, so both speak the same strict JSON.
 */
public final class JsonValues {

    private JsonValues() {
    }

    public static void checkFields(Map<String, Object> json, Set<String> known, String path) {
        Set<String> unknown = new TreeSet<>(json.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(path + ": unknown field(s) " + unknown + "; known fields are " + new TreeSet<>(known));
        }
    }

    public static String string(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(value == null ? "required" : "must be a string");
        }
        return text;
    }

    public static int integer(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (!(value instanceof Long || value instanceof Integer) || ((Number) value).longValue() != ((Number) value).intValue()) {
            throw new IllegalArgumentException("must be an integer");
        }
        return ((Number) value).intValue();
    }

    public static boolean bool(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (!(value instanceof Boolean flag)) {
            throw new IllegalArgumentException("must be true or false");
        }
        return flag;
    }

    public static List<String> strings(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException("must be an array of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** A whole number that fits a long. */
    public static long longValue(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (!(value instanceof Long || value instanceof Integer)) {
            throw new IllegalArgumentException("must be an integer");
        }
        return ((Number) value).longValue();
    }
}
