package io.github.fakeims.server.internal.admin;

import static io.github.fakeims.server.internal.core.JsonValues.checkFields;
import static io.github.fakeims.server.internal.core.JsonValues.longValue;
import static io.github.fakeims.server.internal.core.JsonValues.string;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.IssuedAccessToken;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import io.github.fakeims.server.JwtVerification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The admin API's JSON, both ways: the server writes it, {@code FakeImsAdminClient} reads it back into
 * the same Java types. Reading is strict: an unknown field or a wrong type names the field.
 */
public final class AdminJson {

    private static final Set<String> FAULT_FIELDS = Set.of("type", "status", "retryAfterSeconds", "retryAfterFormat", "delayMillis",
            "malformation", "endpoint", "clientId", "times", "durationMillis", "durationSeconds");

    private AdminJson() {
    }

    /** The fields a clock advance takes; exactly one of them. */
    public static final Set<String> DURATION_FIELDS = Set.of("duration", "seconds", "millis");

    /** Parses a JSON object with only {@code known} fields, or fails naming {@code what} or the unknown field. */
    public static Map<String, Object> object(String json, String what, Set<String> known) {
        Map<String, Object> object = object(json, what);
        checkFields(object, known, what);
        return object;
    }

    /** Parses a JSON object, or fails naming {@code what}. */
    public static Map<String, Object> object(String json, String what) {
        try {
            Map<String, Object> object = json.trim().startsWith("{") ? JSONObjectUtils.parse(json) : null;
            if (object != null) {
                return object;
            }
        } catch (ParseException e) {
            throw new IllegalArgumentException(what + ": not a JSON object: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(what + ": not a JSON object (it must start with '{')");
    }

    // --- journal

    public static Map<String, Object> entry(JournalEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sequence", entry.sequence());
        json.put("time", entry.time().toString());
        json.put("method", entry.method());
        json.put("path", entry.path());
        json.put("endpoint", entry.endpoint().name());
        entry.clientId().ifPresent(id -> json.put("clientId", id));
        json.put("parameters", entry.parameters());
        entry.jwtHeader().ifPresent(header -> json.put("jwtHeader", header));
        entry.jwtClaims().ifPresent(claims -> json.put("jwtClaims", claims));
        json.put("status", entry.status());
        entry.tokenId().ifPresent(id -> json.put("tokenId", id));
        entry.error().ifPresent(code -> json.put("error", code));
        entry.errorDescription().ifPresent(text -> json.put("errorDescription", text));
        entry.reason().ifPresent(text -> json.put("reason", text));
        entry.fault().ifPresent(text -> json.put("fault", text));
        json.put("debugId", entry.debugId());
        return json;
    }

    @SuppressWarnings("unchecked")
    public static JournalEntry entry(Map<String, Object> json) {
        Map<String, String> parameters = new LinkedHashMap<>();
        ((Map<String, Object>) json.getOrDefault("parameters", Map.of())).forEach((name, value) -> parameters.put(name, String.valueOf(value)));
        return new JournalEntry(longValue(json, "sequence"), Instant.parse(string(json, "time")), string(json, "method"),
                string(json, "path"), ImsEndpoint.valueOf(string(json, "endpoint")), optionalString(json, "clientId"), parameters,
                Optional.ofNullable((Map<String, Object>) json.get("jwtHeader")),
                Optional.ofNullable((Map<String, Object>) json.get("jwtClaims")),
                (int) longValue(json, "status"), optionalString(json, "tokenId"), optionalString(json, "error"),
                optionalString(json, "errorDescription"), optionalString(json, "reason"), optionalString(json, "fault"),
                string(json, "debugId"));
    }

    /** A filter as query parameters, for the client. */
    public static String query(JournalFilter filter) {
        StringJoiner query = new StringJoiner("&");
        filter.endpoint().ifPresent(endpoint -> query.add("endpoint=" + endpoint.name()));
        filter.clientId().ifPresent(id -> query.add("clientId=" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
        if (filter.outcome() != JournalFilter.Outcome.ANY) {
            query.add("outcome=" + filter.outcome().name().toLowerCase(Locale.ROOT));
        }
        filter.error().ifPresent(code -> query.add("error=" + URLEncoder.encode(code, StandardCharsets.UTF_8)));
        if (filter.afterSequence() > 0) {
            query.add("afterSequence=" + filter.afterSequence());
        }
        return query.toString();
    }

    /** A filter from query parameters; {@code extra} names further parameters the route takes. */
    public static JournalFilter filter(Map<String, String> params, Set<String> extra) {
        JournalFilter filter = JournalFilter.all();
        for (Map.Entry<String, String> param : params.entrySet()) {
            String value = param.getValue();
            filter = switch (param.getKey()) {
                case "endpoint" -> filter.endpoint(ImsEndpoint.parse(value).orElseThrow(() -> new IllegalArgumentException(
                        "endpoint: '" + value + "' is not an endpoint; use a name such as TOKEN or a path such as /ims/token/v3")));
                case "clientId" -> filter.clientId(value);
                case "outcome" -> filter.outcome(outcome(value));
                case "error" -> filter.error(value);
                case "afterSequence" -> filter.afterSequence(number(value, "afterSequence"));
                default -> {
                    if (!extra.contains(param.getKey())) {
                        throw new IllegalArgumentException(param.getKey() + ": unknown parameter; known are endpoint, clientId, "
                                + "outcome, error, afterSequence" + (extra.isEmpty() ? "" : ", " + String.join(", ", extra)));
                    }
                    yield filter;
                }
            };
        }
        return filter;
    }

    private static JournalFilter.Outcome outcome(String value) {
        try {
            return JournalFilter.Outcome.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outcome: '" + value + "' is not one of any, succeeded, failed", e);
        }
    }

    static long number(String value, String name) {
        try {
            long number = Long.parseLong(value.trim());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": '" + value + "' is not a whole number >= 0");
    }

    // --- faults

    public static Map<String, Object> fault(Fault fault) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (fault.kind()) {
            case STATUS -> {
                json.put("type", "status");
                json.put("status", fault.status());
                fault.retryAfter().ifPresent(after -> json.put("retryAfterSeconds", after.toSeconds()));
                if (fault.isRetryAfterHttpDate()) {
                    json.put("retryAfterFormat", "http-date");
                }
            }
            case DELAY -> {
                json.put("type", "delay");
                json.put("delayMillis", fault.delay().orElseThrow().toMillis());
            }
            case DROP_CONNECTION -> json.put("type", "dropConnection");
            case MALFORMED_BODY -> {
                json.put("type", "malformedBody");
                json.put("malformation", fault.malformation().orElseThrow().name());
            }
        }
        fault.endpoint().ifPresent(endpoint -> json.put("endpoint", endpoint.name()));
        fault.clientId().ifPresent(id -> json.put("clientId", id));
        fault.duration().ifPresentOrElse(left -> json.put("durationMillis", ceilingMillis(left)), () -> json.put("times", fault.times()));
        return json;
    }

    /** Rounded up, so a fault with less than a millisecond left still reads back as a (positive) timed fault. */
    private static long ceilingMillis(Duration duration) {
        try {
            long millis = duration.toMillis();
            return duration.equals(Duration.ofMillis(millis)) ? millis : millis + 1;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** A fault from JSON; {@code type} may be left out when {@code status} is given. */
    public static Fault fault(Map<String, Object> json) {
        checkFields(json, FAULT_FIELDS, "fault");
        String field = "type";
        try {
            String type = json.containsKey("type") ? string(json, "type") : json.containsKey("status") ? "status" : "";
            Set<String> ownFields = switch (type) {
                case "status" -> Set.of("status", "retryAfterSeconds", "retryAfterFormat");
                case "delay" -> Set.of("delayMillis");
                case "malformedBody" -> Set.of("malformation");
                default -> Set.of();
            };
            for (String other : List.of("status", "retryAfterSeconds", "retryAfterFormat", "delayMillis", "malformation")) {
                if (json.containsKey(other) && !ownFields.contains(other)) {
                    field = other;
                    throw new IllegalArgumentException("is not a field of a " + (type.isEmpty() ? "fault without a type" : type + " fault"));
                }
            }
            field = "type";
            Fault fault = switch (type) {
                case "status" -> {
                    field = "status";
                    int status = (int) longValue(json, "status");
                    Fault statusFault = Fault.status(status);
                    if (json.containsKey("retryAfterSeconds")) {
                        field = "retryAfterSeconds";
                        if (status != 429 && status != 503) {
                            throw new IllegalArgumentException("is sent with status 429 or 503 only");
                        }
                        statusFault = statusFault.retryAfter(Duration.ofSeconds(longValue(json, "retryAfterSeconds")));
                    }
                    if (json.containsKey("retryAfterFormat")) {
                        field = "retryAfterFormat";
                        String format = string(json, field);
                        if (!format.equals("seconds") && !format.equals("http-date")) {
                            throw new IllegalArgumentException("'" + format + "' is not seconds or http-date");
                        }
                        if (format.equals("http-date")) {
                            if (!json.containsKey("retryAfterSeconds")) {
                                throw new IllegalArgumentException("needs retryAfterSeconds");
                            }
                            statusFault = statusFault.retryAfterAsHttpDate();
                        }
                    }
                    yield statusFault;
                }
                case "delay" -> {
                    field = "delayMillis";
                    yield Fault.delay(Duration.ofMillis(longValue(json, "delayMillis")));
                }
                case "dropConnection" -> Fault.dropConnection();
                case "malformedBody" -> {
                    field = "malformation";
                    yield Fault.malformedBody(malformation(string(json, "malformation")));
                }
                default -> throw new IllegalArgumentException(json.containsKey("type") ? "'" + type + "' is not one of status, delay, "
                        + "dropConnection, malformedBody" : "required (or give a status)");
            };
            field = "endpoint";
            if (json.containsKey(field)) {
                String endpoint = string(json, field);
                fault = fault.on(ImsEndpoint.parse(endpoint).orElseThrow(() -> new IllegalArgumentException(
                        "'" + endpoint + "' is not an endpoint; use a name such as TOKEN or a path such as /ims/token/v3")));
            }
            field = "clientId";
            if (json.containsKey(field)) {
                fault = fault.forClient(string(json, field));
            }
            field = "times";
            if (json.containsKey(field)) {
                fault = fault.times(Math.toIntExact(longValue(json, field)));
            }
            for (String durationField : List.of("durationMillis", "durationSeconds")) {
                field = durationField;
                if (json.containsKey(field)) {
                    if (json.containsKey("times") || (json.containsKey("durationMillis") && json.containsKey("durationSeconds"))) {
                        throw new IllegalArgumentException("give one of times, durationMillis and durationSeconds");
                    }
                    long amount = longValue(json, field);
                    fault = fault.during(field.equals("durationMillis") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount));
                }
            }
            return fault;
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            String message = e.getMessage();
            // Fault's own messages already start with the field's name.
            throw new IllegalArgumentException("fault." + (message != null && message.startsWith(field + ":") ? message : field + ": " + message), e);
        }
    }

    private static Fault.Malformation malformation(String name) {
        try {
            return Fault.Malformation.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not one of " + List.of(Fault.Malformation.values()), e);
        }
    }

    // --- tokens, verification, clock

    public static Map<String, Object> token(IssuedAccessToken token) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", token.value());
        json.put("id", token.id());
        json.put("clientId", token.clientId());
        json.put("claims", token.claims());
        json.put("createdAt", token.createdAt().toString());
        json.put("expiresAt", token.expiresAt().toString());
        json.put("state", token.state().name());
        json.put("metascopes", token.metascopes().stream().sorted().toList());
        return json;
    }

    @SuppressWarnings("unchecked")
    public static IssuedAccessToken token(Map<String, Object> json) {
        return new IssuedAccessToken(string(json, "value"), string(json, "id"), string(json, "clientId"),
                (Map<String, Object>) json.get("claims"), Instant.parse(string(json, "createdAt")),
                Instant.parse(string(json, "expiresAt")), IssuedAccessToken.State.valueOf(string(json, "state")),
                Set.copyOf(io.github.fakeims.server.internal.core.JsonValues.strings(json, "metascopes")));
    }

    public static Map<String, Object> verification(JwtVerification verification) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accepted", verification.accepted());
        json.put("status", verification.status());
        json.put("error", verification.error());
        json.put("errorDescription", verification.errorDescription());
        json.put("reason", verification.reason());
        return json;
    }

    public static JwtVerification verification(Map<String, Object> json) {
        return new JwtVerification(Boolean.TRUE.equals(json.get("accepted")), (int) longValue(json, "status"), string(json, "error"),
                string(json, "errorDescription"), string(json, "reason"));
    }

    /** An instant field, naming it when it does not parse. */
    public static Instant instant(Map<String, Object> json, String field) {
        String text = string(json, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 instant such as 2030-01-01T00:00:00Z", e);
        }
    }

    /** A duration from exactly one of {@code millis}, {@code seconds} or an ISO-8601 {@code duration} such as {@code PT1H}. */
    public static Duration duration(Map<String, Object> json) {
        List<String> given = DURATION_FIELDS.stream().filter(json::containsKey).sorted().toList();
        if (given.size() != 1) {
            throw new IllegalArgumentException("body: give exactly one of duration (ISO-8601, e.g. PT1H), seconds or millis"
                    + (given.isEmpty() ? "" : "; it has " + given));
        }
        String field = given.get(0);
        try {
            return switch (field) {
                case "millis" -> Duration.ofMillis(longValue(json, field));
                case "seconds" -> Duration.ofSeconds(longValue(json, field));
                default -> {
                    String text = string(json, field);
                    try {
                        yield Duration.parse(text);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration such as PT1H", e);
                    }
                }
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> optionalString(Map<String, Object> json, String name) {
        return Optional.ofNullable(json.get(name)).map(String::valueOf);
    }
}
