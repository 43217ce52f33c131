package io.github.fakeims.server.internal.control;

import io.github.fakeims.server.JournalEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a journal entry may keep of a request, and an estimate of the heap bytes it retains, so that the
 * journal is bounded in bytes, not only in entries. The estimate is conservative for a 64-bit JVM: two
 * bytes a character, 40 per String, 48 per map entry, 24 per boxed number.
 */
public final class RetainedBytes {

    /** A parameter value (or any JSON string) longer than this is cut, with a marker saying how long it was. */
    public static final int MAX_VALUE_CHARS = 512;
    /** A parameter name longer than this is cut the same way. */
    public static final int MAX_NAME_CHARS = 128;
    /** Parameters kept per request; past it, one marker entry says how many more there were. */
    public static final int MAX_PARAMETERS = 32;
    /** The decoded JWT header, and separately its claims, are kept up to about this many bytes. */
    public static final int MAX_JSON_BYTES = 16 * 1024;
    /** JSON nested deeper than this is kept as a marker. */
    public static final int MAX_JSON_DEPTH = 8;
    /** The path and the reason are cut past this. */
    public static final int MAX_TEXT_CHARS = 2048;
    /** The key of the marker entry added where parameters or claims were left out. */
    public static final String TRUNCATED_MARKER = "fake-ims:truncated";
    /** No entry retains more than this (at every cap at once); most retain 1-3 KB. */
    public static final long MAX_ENTRY_BYTES = 96 * 1024;
    /** The whole journal's budget by default: past it the oldest entries are dropped (and counted), as when it is full. */
    public static final long JOURNAL_BUDGET_BYTES = 32L << 20;

    private static final int ENTRY_OVERHEAD = 400;

    private RetainedBytes() {
    }

    /** The estimated heap bytes one entry retains. */
    public static long of(JournalEntry entry) {
        long bytes = ENTRY_OVERHEAD + string(entry.method()) + string(entry.path()) + string(entry.debugId())
                + optional(entry.clientId()) + optional(entry.tokenId()) + optional(entry.error())
                + optional(entry.errorDescription()) + optional(entry.reason()) + optional(entry.fault());
        bytes += json(entry.parameters());
        bytes += entry.jwtHeader().map(RetainedBytes::json).orElse(0L);
        bytes += entry.jwtClaims().map(RetainedBytes::json).orElse(0L);
        return bytes;
    }

    /** {@code text}, or its first {@code max} characters and a marker saying how long it was. */
    public static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars, cut)";
    }

    /** Parameters as the journal keeps them: names and values cut, at most {@link #MAX_PARAMETERS}. */
    static Map<String, String> parameters(Map<String, String> all) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : all.entrySet()) {
            if (kept.size() == MAX_PARAMETERS) {
                kept.put(TRUNCATED_MARKER, "kept " + MAX_PARAMETERS + " of " + all.size() + " parameters");
                break;
            }
            kept.putIfAbsent(cut(parameter.getKey(), MAX_NAME_CHARS), cut(parameter.getValue(), MAX_VALUE_CHARS));
        }
        return kept;
    }

    /**
     * A decoded JSON object as the journal keeps it: members in order while they fit {@link #MAX_JSON_BYTES},
     * strings cut, nesting past {@link #MAX_JSON_DEPTH} replaced; then a marker member saying what was left out.
     */
    static Map<String, Object> jsonObject(Map<String, Object> json) {
        Map<String, Object> kept = new LinkedHashMap<>();
        long budget = MAX_JSON_BYTES;
        int count = 0;
        for (Map.Entry<String, Object> member : json.entrySet()) {
            String name = cut(member.getKey(), MAX_NAME_CHARS);
            Object value = bounded(member.getValue(), 1);
            long size = 48 + string(name) + json(value);
            if (size > budget) {
                kept.put(TRUNCATED_MARKER, "kept " + count + " of " + json.size() + " members (the journal keeps about "
                        + MAX_JSON_BYTES / 1024 + " KiB of each decoded JSON object)");
                break;
            }
            budget -= size;
            kept.put(name, value);
            count++;
        }
        return kept;
    }

    private static Object bounded(Object value, int depth) {
        if (value instanceof String text) {
            return cut(text, MAX_VALUE_CHARS);
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            if (depth >= MAX_JSON_DEPTH) {
                return "…(" + (value instanceof Map<?, ?> ? "object" : "array") + " nested deeper than " + MAX_JSON_DEPTH + ", not kept)";
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> kept = new LinkedHashMap<>();
                long budget = MAX_JSON_BYTES / 4;
                for (Map.Entry<?, ?> member : map.entrySet()) {
                    String name = cut(String.valueOf(member.getKey()), MAX_NAME_CHARS);
                    Object inner = bounded(member.getValue(), depth + 1);
                    budget -= 48 + string(name) + json(inner);
                    if (budget < 0) {
                        kept.put(TRUNCATED_MARKER, "kept " + kept.size() + " of " + map.size() + " members");
                        break;
                    }
                    kept.put(name, inner);
                }
                return kept;
            }
            List<?> list = (List<?>) value;
            java.util.ArrayList<Object> kept = new java.util.ArrayList<>();
            long budget = MAX_JSON_BYTES / 4;
            for (Object element : list) {
                Object inner = bounded(element, depth + 1);
                budget -= 8 + json(inner);
                if (budget < 0) {
                    kept.add("…(kept " + kept.size() + " of " + list.size() + " elements)");
                    break;
                }
                kept.add(inner);
            }
            return kept;
        }
        return value; // numbers, booleans, null
    }

    private static long optional(Optional<String> text) {
        return text.map(RetainedBytes::string).orElse(0L) + 16;
    }

    private static long string(String text) {
        return 40 + 2L * text.length();
    }

    /** Recursion over a value that {@link #bounded} made: at most {@link #MAX_JSON_DEPTH} deep. */
    private static long json(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = 64;
            for (Map.Entry<?, ?> member : map.entrySet()) {
                bytes += 48 + json(member.getKey()) + json(member.getValue());
            }
            return bytes;
        }
        if (value instanceof List<?> list) {
            long bytes = 40;
            for (Object element : list) {
                bytes += 8 + json(element);
            }
            return bytes;
        }
        return 24;
    }
}
