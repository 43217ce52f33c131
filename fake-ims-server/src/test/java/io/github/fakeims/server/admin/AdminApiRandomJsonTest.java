package io.github.fakeims.server.admin;

import static io.github.fakeims.server.admin.AdminWire.pem;
import static io.github.fakeims.server.admin.AdminWire.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.ServiceAccountJwt;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.admin.AdminWire.ControlState;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated JSON bodies POSTed to the admin routes that read JSON ({@code credentials},
 * {@code faults}, {@code clock/fix}, {@code clock/advance}, {@code verify-jwt}). Each starts from a valid
 * body, then fields are dropped, given values of other types and sizes (huge and negative numbers, deep
 * nesting, odd text), unknown fields are added, and the text itself may be cut, wrapped or replaced.
 * Whatever comes, the answer is never a 5xx, and a 4xx changes nothing.
 */
class AdminApiRandomJsonTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Credential CREDENTIAL = TestCredentials.credential();
    private static final String PEM = pem(TestKeys.certificate(TestKeys.OTHER_KEYS));

    private static FakeImsServer ims;
    private static String jwt;

    @BeforeContainer
    static void start() {
        ims = FakeImsServer.start(FakeImsConfig.builder().credential(CREDENTIAL).build());
        jwt = ServiceAccountJwt.forCredential(CREDENTIAL, ims.baseUrl()).serialize();
    }

    @AfterContainer
    static void stop() {
        ims.close();
    }

    /** One POST: the route and the body text. */
    record Post(String path, String body) {
        @Override
        public String toString() {
            String shown = body.length() > 400 ? body.substring(0, 400) + "…(" + body.length() + " chars)" : body;
            return "POST " + path + " " + shown;
        }
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void randomJsonNeverCausesAServerErrorAndA4xxChangesNothing(@ForAll("posts") Post post) {
        ims.reset();
        ims.clock().fixAt(NOW);
        ims.faults().add(Fault.status(503).on(ImsEndpoint.KEYS).times(2));
        ControlState before = ControlState.of(ims);

        HttpResponse<String> response;
        try {
            response = AdminWire.send(ims.baseUrl(), "POST", post.path(), post.body());
        } catch (UncheckedIOException e) {
            throw new AssertionError("no HTTP answer to " + post + "\n  " + e.getMessage(), e);
        }

        String sample = post + "\n  -> " + response.statusCode() + " " + response.body();
        assertThat(response.statusCode()).as(sample).isBetween(200, 499);
        if (response.statusCode() >= 400) {
            assertThat(AdminWire.object(response)).as(sample).containsKeys("error", "error_description", "reason");
            assertThat(ControlState.of(ims)).as(sample).isEqualTo(before);
        }
    }

    // --- generators ----------------------------------------------------------------------------

    private static final List<String> PATHS = List.of("/fake-ims/credentials", "/fake-ims/faults", "/fake-ims/clock/fix",
            "/fake-ims/clock/advance", "/fake-ims/verify-jwt");

    /** Valid bodies per route, each a map of field to raw JSON value. */
    private static List<Map<String, String>> validBodies(String path) {
        return switch (path) {
            case "/fake-ims/credentials" -> List.of(
                    fields("clientId", quoted("random-client"), "clientSecret", quoted("p8e-random"),
                            "orgId", quoted("RANDOM0123@AdobeOrg"), "technicalAccountId", quoted("RANDOM0123@techacct.adobe.com"),
                            "metascopes", "[\"ent_user_sdk\"]", "scopes", "[\"openid\",\"AdobeID\"]",
                            "certificates", "[" + quoted(PEM) + "]", "grants", "[\"jwt_exchange\",\"client_credentials\"]",
                            "jtiRequired", "true"),
                    fields("clientId", quoted(CREDENTIAL.clientId()), "clientSecret", quoted("p8e-replaced"),
                            "orgId", quoted("REPLACED@AdobeOrg"), "technicalAccountId", quoted("REPLACED@techacct.adobe.com"),
                            "grants", "[\"client_credentials\"]", "scopes", "[\"openid\"]"));
            case "/fake-ims/faults" -> List.of(
                    fields("status", "429", "retryAfterSeconds", "3", "endpoint", quoted("TOKEN"), "times", "2"),
                    fields("type", quoted("status"), "status", "503", "clientId", quoted("someone"), "durationSeconds", "60"),
                    fields("type", quoted("delay"), "delayMillis", "10", "endpoint", quoted("/ims/keys"), "durationMillis", "500"),
                    fields("type", quoted("dropConnection"), "endpoint", quoted("JWT_EXCHANGE")),
                    fields("type", quoted("malformedBody"), "malformation", quoted("TRUNCATED_JSON"), "times", "1"));
            case "/fake-ims/clock/fix" -> List.of(fields("instant", quoted("2031-01-01T00:00:00Z")));
            case "/fake-ims/clock/advance" -> List.of(fields("seconds", "3600"), fields("millis", "5"), fields("duration", quoted("PT1H")));
            case "/fake-ims/verify-jwt" -> List.of(fields("clientId", quoted(CREDENTIAL.clientId()), "jwt", quoted(jwt)));
            default -> throw new IllegalArgumentException(path);
        };
    }

    private static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** Every field name any of these routes reads, so a value lands on a real field more often than not. */
    private static final List<String> FIELD_NAMES = List.of("clientId", "clientSecret", "orgId", "technicalAccountId", "metascopes",
            "scopes", "certificates", "grants", "jtiRequired", "type", "status", "retryAfterSeconds", "delayMillis", "malformation",
            "endpoint", "times", "durationMillis", "durationSeconds", "instant", "duration", "seconds", "millis", "jwt", "token",
            "certificate", "", " status", "STATUS", "colour");

    private static final List<String> SPECIAL_NUMBERS = List.of("0", "-0", "1", "-1", "429", "500", "503", "599", "600", "404",
            "300000", "300001", "2147483647", "2147483648", "-2147483649", String.valueOf(Long.MAX_VALUE),
            String.valueOf(Long.MIN_VALUE), "9223372036854775808", "31556889864403199", "1.5", "1e3", "1E308", "-1e-7",
            "0.0000001", "00", "1_000");

    private static final List<String> SPECIAL_STRINGS = List.of("", " ", "PT0S", "PT1H", "-PT1H", "P1D", "PT-1S", "P106751991167300D",
            "PT2562047788015215H", "2031-01-01T00:00:00Z", "2031-01-01", "+1000000000-12-31T23:59:59.999999999Z",
            "-1000000000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "TOKEN", "token", "/ims/token/v3", "/ims/token/v3/", "UNKNOWN",
            "KEYS", "status", "delay", "dropConnection", "malformedBody", "HTML_PAGE", "empty_body", "jwt_exchange",
            "client_credentials", "ABC@AdobeOrg", "@AdobeOrg", "-----BEGIN CERTIFICATE-----", "/etc/passwd", "pom.xml", "a.b.c",
            "\u0000", "\r\n", "\u2026", "\uD83D\uDE00", "\\", "\"", "null", "true", "123");

    private static Arbitrary<String> numbers() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(SPECIAL_NUMBERS)),
                Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, Arbitraries.integers().between(-5, 700).map(String::valueOf)),
                Tuple.of(1, Arbitraries.doubles().map(String::valueOf)));
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(SPECIAL_STRINGS)),
                Tuple.of(1, Arbitraries.of(PEM, jwt, CREDENTIAL.clientId(), PEM.substring(0, PEM.length() / 2))),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(30)))
                .map(AdminWire::quoted);
    }

    private static Arbitrary<String> jsonValues() {
        Arbitrary<String> literals = Arbitraries.of("true", "false", "null");
        Arbitrary<String> containers = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("[]", "{}", "[\"openid\"]", "[1,2]", "[null]", "{\"a\":1}", "[[\"x\"]]",
                        "[" + quoted(PEM) + "," + quoted(PEM) + "]", "{\"status\":503}")),
                Tuple.of(1, Arbitraries.integers().between(1, 5000).map(depth -> "[".repeat(depth) + "]".repeat(depth))),
                Tuple.of(1, Arbitraries.integers().between(1, 2000).map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))));
        return Arbitraries.frequencyOf(Tuple.of(3, numbers()), Tuple.of(3, strings()), Tuple.of(1, literals), Tuple.of(1, containers));
    }

    private enum EditKind { DROP, SET, ADD }

    /** A change of one field; a SET mostly keeps the field's JSON type (a number for a number), to reach the deeper checks. */
    private record Edit(EditKind kind, int pick, String name, String anyValue, String sameTypeNumber, String sameTypeString,
                        boolean keepType) {

        String valueFor(String current) {
            if (!keepType || current == null) {
                return anyValue;
            }
            return current.startsWith("\"") ? sameTypeString : current.matches("-?[0-9].*") ? sameTypeNumber : anyValue;
        }
    }

    private enum TextChange { NONE, TRUNCATE, INSERT_CHARACTER, WRAP_IN_ARRAY, DUPLICATE_FIRST_FIELD, REPLACE_WITH_VALUE, LEADING_SPACE }

    private record Change(TextChange kind, int position, char character, String value) {
    }

    @Provide
    Arbitrary<Post> posts() {
        Arbitrary<EditKind> kinds = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(EditKind.SET)),
                Tuple.of(2, Arbitraries.just(EditKind.ADD)), Tuple.of(1, Arbitraries.just(EditKind.DROP)));
        Arbitrary<Edit> edit = Combinators.combine(kinds, Arbitraries.integers().between(0, 1000),
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(FIELD_NAMES)), Tuple.of(1, Arbitraries.strings().ofMaxLength(12))),
                jsonValues(), numbers(), strings(), Arbitraries.integers().between(0, 9).map(n -> n < 7)).as(Edit::new);
        Arbitrary<Change> change = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(TextChange.NONE)), Tuple.of(4, Arbitraries.of(TextChange.class))),
                Arbitraries.integers().between(0, 100_000), Arbitraries.chars(), jsonValues()).as(Change::new);
        Arbitrary<Post> mutated = Combinators.combine(Arbitraries.of(PATHS), Arbitraries.integers().between(0, 100),
                        edit.list().ofMinSize(1).ofMaxSize(3), change)
                .as(AdminApiRandomJsonTest::post);
        Arbitrary<Post> extreme = Combinators.combine(Arbitraries.of(NUMERIC_FIELDS), Arbitraries.of(EXTREME_NUMBERS))
                .as((target, number) -> new Post(target.get(0), target.get(1).replace("#", number)));
        return Arbitraries.frequencyOf(Tuple.of(7, mutated), Tuple.of(3, extreme));
    }

    /** Every whole-number field of these routes, in an otherwise valid body ({@code #} is the number). */
    private static final List<List<String>> NUMERIC_FIELDS = List.of(
            List.of("/fake-ims/clock/advance", "{\"seconds\":#}"),
            List.of("/fake-ims/clock/advance", "{\"millis\":#}"),
            List.of("/fake-ims/faults", "{\"status\":#}"),
            List.of("/fake-ims/faults", "{\"status\":429,\"retryAfterSeconds\":#}"),
            List.of("/fake-ims/faults", "{\"type\":\"delay\",\"delayMillis\":#}"),
            List.of("/fake-ims/faults", "{\"status\":503,\"times\":#}"),
            List.of("/fake-ims/faults", "{\"status\":503,\"durationMillis\":#}"),
            List.of("/fake-ims/faults", "{\"status\":503,\"durationSeconds\":#}"));

    /** The ends of a long, of an int, of what an {@link Instant} holds in seconds, and the small edges. */
    private static final List<String> EXTREME_NUMBERS = List.of(String.valueOf(Long.MAX_VALUE), String.valueOf(Long.MIN_VALUE),
            "31556889864403200", "-31556889864403200", "2147483648", "-1", "0");

    private static Post post(String path, int baseIndex, List<Edit> edits, Change change) {
        List<Map<String, String>> bases = validBodies(path);
        Map<String, String> fields = new LinkedHashMap<>(bases.get(baseIndex % bases.size()));
        for (Edit edit : edits) {
            List<String> names = new ArrayList<>(fields.keySet());
            switch (edit.kind()) {
                case DROP -> {
                    if (!names.isEmpty()) {
                        fields.remove(names.get(edit.pick() % names.size()));
                    }
                }
                case SET -> {
                    if (!names.isEmpty()) {
                        String name = names.get(edit.pick() % names.size());
                        fields.put(name, edit.valueFor(fields.get(name)));
                    }
                }
                case ADD -> fields.put(edit.name(), edit.valueFor(fields.get(edit.name())));
            }
        }
        String body = fields.entrySet().stream().map(field -> quoted(field.getKey()) + ":" + field.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        body = switch (change.kind()) {
            case NONE -> body;
            case TRUNCATE -> body.substring(0, change.position() % body.length());
            case INSERT_CHARACTER -> {
                int at = change.position() % (body.length() + 1);
                yield body.substring(0, at) + change.character() + body.substring(at);
            }
            case WRAP_IN_ARRAY -> "[" + body + "]";
            case DUPLICATE_FIRST_FIELD -> fields.isEmpty() ? body
                    : body.substring(0, body.length() - 1) + "," + quoted(fields.keySet().iterator().next()) + ":" + change.value() + "}";
            case REPLACE_WITH_VALUE -> change.value();
            case LEADING_SPACE -> " \n\t" + body;
        };
        return new Post(path, body);
    }

    /** Not a property: keeps the generator honest (every route's valid bodies are accepted as they are). */
    @Example
    void everyUnchangedBodyIsAccepted() {
        for (String path : PATHS) {
            for (Map<String, String> body : validBodies(path)) {
                ims.reset();
                ims.clock().fixAt(NOW);
                Post post = post(path, validBodies(path).indexOf(body), List.of(), new Change(TextChange.NONE, 0, ' ', ""));
                HttpResponse<String> response = AdminWire.send(ims.baseUrl(), "POST", post.path(), post.body());
                assertThat(response.statusCode()).as(post + "\n  -> " + response.body()).isBetween(200, 299);
            }
        }
    }
}
