package io.github.fakeims.server.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.IssuedAccessToken;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import io.github.fakeims.server.JwtVerification;
import io.github.fakeims.server.internal.http.FormBodyParser;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AdminJson}: what the server writes, the admin client reads back into equal Java values; the
 * journal filter survives its query string; reading a fault is strict and names the field.
 */
class AdminJsonTest {

    // --- helpers -------------------------------------------------------------------------------

    /** Through JSON text and back, as the admin API and its client do. */
    private static Map<String, Object> viaText(Map<String, Object> json) {
        try {
            return JSONObjectUtils.parse(JSONObjectUtils.toJSONString(json));
        } catch (ParseException e) {
            throw new AssertionError("the JSON written does not parse: " + json, e);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new AssertionError("bad test JSON: " + json, e);
        }
    }

    /** The query string parsed as the admin API parses it. */
    private static Map<String, String> queryParams(String query) throws FormBodyParser.MalformedBodyException {
        Map<String, String> params = new LinkedHashMap<>();
        FormBodyParser.parse(query, Optional.empty(), new byte[0]).asMap().forEach((name, value) -> params.put(name, value.decoded()));
        return params;
    }

    private static Map<String, Object> map(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    // --- journal entries -----------------------------------------------------------------------

    static Stream<JournalEntry> entries() {
        Map<String, Object> header = map("alg", "RS256", "typ", "JWT", "kid", "key-1");
        List<Object> list = new ArrayList<>(List.of(1L, "two", false, 3.25, map("x", 2L), List.of("nested", 9L)));
        Map<String, Object> claims = map(
                "iss", "0123456789ABCDEF01234567@AdobeOrg",
                "exp", 1_900_000_000L,
                "iat", -5L,
                "ratio", 0.5,
                "big", Long.MAX_VALUE,
                "https://ims-na1.adobelogin.com/s/ent_analytics_bulk_ingest_sdk", true,
                "off", false,
                "aud", List.of("a", "b"),
                "list", list,
                "empty", map(),
                "emptyList", List.of(),
                "nested", map("deep", map("deeper", List.of(map("n", 1L), map("b", true))), "s", "ünïcødé €"));
        return Stream.of(
                // every Optional absent
                new JournalEntry(1, Instant.parse("2030-01-01T00:00:00Z"), "GET", "/nope", ImsEndpoint.UNKNOWN, Optional.empty(),
                        Map.of(), Optional.empty(), Optional.empty(), 404, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), "debug-1"),
                // every Optional present, nested claims
                new JournalEntry(42, Instant.parse("2030-01-01T12:34:56.789123456Z"), "POST", "/ims/exchange/jwt",
                        ImsEndpoint.JWT_EXCHANGE, Optional.of("client-1"),
                        Map.of("client_id", "client-1", "client_secret", "p8e-…(40 chars)", "scope", "openid, AdobeID",
                                "odd name &=", "välue \"quoted\" \\ / \n"),
                        Optional.of(header), Optional.of(claims), 200, Optional.of("token-id-1"), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.of("delay 5 ms on JWT_EXCHANGE, 1 call"), "debug-2"),
                // an error with everything that goes with it
                new JournalEntry(Long.MAX_VALUE, Instant.parse("1970-01-01T00:00:00Z"), "POST", "/ims/token/v3", ImsEndpoint.TOKEN,
                        Optional.of("client-2"), Map.of("grant_type", "client_credentials"), Optional.empty(), Optional.empty(), 400,
                        Optional.empty(), Optional.of("invalid_client"), Optional.of("invalid client_secret parameter"),
                        Optional.of("the secret does not match"), Optional.empty(), "debug-3"),
                // a dropped connection: status 0, header but no claims
                new JournalEntry(7, Instant.parse("2030-06-01T00:00:00.001Z"), "POST", "/ims/token", ImsEndpoint.TOKEN,
                        Optional.empty(), Map.of(), Optional.of(map("alg", "RS256")), Optional.empty(), 0, Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("dropped connection on any endpoint, 1 call"),
                        "debug-4"));
    }

    @ParameterizedTest
    @MethodSource("entries")
    void aJournalEntryRoundTripsThroughJsonText(JournalEntry entry) {
        JournalEntry back = AdminJson.entry(viaText(AdminJson.entry(entry)));

        assertThat(back).isEqualTo(entry);
        assertThat(back.jwtClaims()).isEqualTo(entry.jwtClaims());
        assertThat(back.toString()).isEqualTo(entry.toString());
    }

    @ParameterizedTest
    @MethodSource("entries")
    void aJournalEntryRoundTripsThroughItsJsonMap(JournalEntry entry) {
        assertThat(AdminJson.entry(AdminJson.entry(entry))).isEqualTo(entry);
    }

    @Test
    void anAbsentOptionalIsLeftOutOfTheJson() {
        JournalEntry entry = entries().findFirst().orElseThrow();

        assertThat(AdminJson.entry(entry)).containsOnlyKeys("sequence", "time", "method", "path", "endpoint", "parameters",
                "status", "debugId");
    }

    @Test
    void aJournalEntryWithNullClaimValuesRoundTrips() {
        Map<String, Object> claims = map("sub", "tech@techacct.adobe.com", "iss", null, "nested", map("inner", null),
                "list", new ArrayList<>(java.util.Arrays.asList(null, 1L)));
        JournalEntry entry = new JournalEntry(3, Instant.parse("2030-01-01T00:00:00Z"), "POST", "/ims/exchange/jwt",
                ImsEndpoint.JWT_EXCHANGE, Optional.of("c"), Map.of(), Optional.of(map("alg", "RS256", "kid", null)), Optional.of(claims),
                400, Optional.empty(), Optional.of("invalid_token"), Optional.empty(), Optional.empty(), Optional.empty(), "d");

        JournalEntry back = AdminJson.entry(viaText(AdminJson.entry(entry)));

        assertThat(back).isEqualTo(entry);
        assertThat(back.jwtClaims().orElseThrow()).containsKey("iss");
    }

    // --- faults --------------------------------------------------------------------------------

    static Stream<Fault> faults() {
        List<Fault> kinds = List.of(Fault.status(500), Fault.status(503), Fault.status(599), Fault.status(429),
                Fault.tooManyRequests(Duration.ofSeconds(30)), Fault.delay(Duration.ZERO), Fault.delay(Duration.ofMillis(1_500)),
                Fault.delay(Duration.ofMinutes(5)), Fault.dropConnection());
        List<Fault> all = new ArrayList<>(kinds);
        for (Fault.Malformation malformation : Fault.Malformation.values()) {
            all.add(Fault.malformedBody(malformation));
        }
        List<Fault> scoped = new ArrayList<>();
        for (Fault fault : all) {
            scoped.add(fault);
            scoped.add(fault.on(ImsEndpoint.TOKEN));
            scoped.add(fault.forClient("client-ä &=+ 1"));
            scoped.add(fault.on(ImsEndpoint.JWT_EXCHANGE).forClient("c").times(7));
            scoped.add(fault.times(Integer.MAX_VALUE));
            scoped.add(fault.during(Duration.ofMillis(1)));
            scoped.add(fault.on(ImsEndpoint.USERINFO).during(Duration.ofHours(2)));
            scoped.add(fault.forClient("c").during(Duration.ofMillis(12_345)));
        }
        return scoped.stream();
    }

    @ParameterizedTest
    @MethodSource("faults")
    void aFaultRoundTripsThroughJsonText(Fault fault) {
        Map<String, Object> json = AdminJson.fault(fault);

        assertThat(AdminJson.fault(viaText(json))).isEqualTo(fault);
        assertThat(AdminJson.fault(json)).isEqualTo(fault);
    }

    @Test
    void aFaultIsWrittenInTheDocumentedShape() {
        assertThat(AdminJson.fault(Fault.tooManyRequests(Duration.ofSeconds(3)).on(ImsEndpoint.TOKEN).times(2)))
                .isEqualTo(map("type", "status", "status", 429, "retryAfterSeconds", 3L, "endpoint", "TOKEN", "times", 2));
        assertThat(AdminJson.fault(Fault.delay(Duration.ofMillis(20)).forClient("c").during(Duration.ofSeconds(4))))
                .isEqualTo(map("type", "delay", "delayMillis", 20L, "clientId", "c", "durationMillis", 4_000L));
    }

    @Test
    void aFaultMayBeGivenWithItsAlternativeSpellings() {
        assertThat(AdminJson.fault(parse("{\"status\":503}"))).isEqualTo(Fault.status(503));
        assertThat(AdminJson.fault(parse("{\"type\":\"dropConnection\",\"endpoint\":\"/ims/token/v3\",\"durationSeconds\":5}")))
                .isEqualTo(Fault.dropConnection().on(ImsEndpoint.TOKEN).during(Duration.ofSeconds(5)));
        assertThat(AdminJson.fault(parse("{\"type\":\"malformedBody\",\"malformation\":\"html_page\",\"endpoint\":\"jwt-exchange\"}")))
                .isEqualTo(Fault.malformedBody(Fault.Malformation.HTML_PAGE).on(ImsEndpoint.JWT_EXCHANGE));
    }

    @Test
    void aTimedFaultWithLessThanAMillisecondLeftSurvivesTheJsonRoundTrip() {
        // pending() reports the time left, by the fake's (running) clock: it can be under a millisecond.
        Fault almostOver = Fault.status(503).on(ImsEndpoint.TOKEN).during(Duration.ofNanos(400_000));

        Map<String, Object> json = AdminJson.fault(almostOver);
        Fault back = AdminJson.fault(viaText(json));

        assertThat(back.duration()).hasValueSatisfying(left -> assertThat(left).isPositive());
        assertThat(back.endpoint()).contains(ImsEndpoint.TOKEN);
    }

    // --- fault strictness ----------------------------------------------------------------------

    static Stream<Arguments> badFaults() {
        return Stream.of(
                Arguments.of("{\"type\":5}", "type"),
                Arguments.of("{\"type\":\"explode\"}", "type"),
                Arguments.of("{\"type\":null}", "type"),
                Arguments.of("{}", "type"),
                Arguments.of("{\"endpoint\":\"TOKEN\"}", "type"),
                Arguments.of("{\"type\":\"status\"}", "status"),
                Arguments.of("{\"type\":\"status\",\"status\":\"503\"}", "status"),
                Arguments.of("{\"status\":503.5}", "status"),
                Arguments.of("{\"status\":true}", "status"),
                Arguments.of("{\"status\":null}", "status"),
                Arguments.of("{\"status\":[503]}", "status"),
                Arguments.of("{\"status\":404}", "status"),
                Arguments.of("{\"status\":200}", "status"),
                Arguments.of("{\"status\":500,\"retryAfterSeconds\":3}", "retryAfterSeconds"),
                Arguments.of("{\"status\":429,\"retryAfterSeconds\":\"3\"}", "retryAfterSeconds"),
                Arguments.of("{\"status\":429,\"retryAfterSeconds\":0}", "retryAfterSeconds"),
                Arguments.of("{\"status\":429,\"retryAfterSeconds\":1.5}", "retryAfterSeconds"),
                Arguments.of("{\"type\":\"delay\"}", "delayMillis"),
                Arguments.of("{\"type\":\"delay\",\"delayMillis\":\"100\"}", "delayMillis"),
                Arguments.of("{\"type\":\"delay\",\"delayMillis\":-1}", "delayMillis"),
                Arguments.of("{\"type\":\"delay\",\"delayMillis\":300001}", "delayMillis"),
                Arguments.of("{\"type\":\"malformedBody\"}", "malformation"),
                Arguments.of("{\"type\":\"malformedBody\",\"malformation\":7}", "malformation"),
                Arguments.of("{\"type\":\"malformedBody\",\"malformation\":\"WRONG\"}", "malformation"),
                Arguments.of("{\"status\":503,\"endpoint\":3}", "endpoint"),
                Arguments.of("{\"status\":503,\"endpoint\":\"NOWHERE\"}", "endpoint"),
                Arguments.of("{\"status\":503,\"endpoint\":\"/ims/nowhere\"}", "endpoint"),
                Arguments.of("{\"status\":503,\"endpoint\":\"UNKNOWN\"}", "endpoint"),
                Arguments.of("{\"status\":503,\"endpoint\":null}", "endpoint"),
                Arguments.of("{\"status\":503,\"clientId\":42}", "clientId"),
                Arguments.of("{\"status\":503,\"clientId\":\"  \"}", "clientId"),
                Arguments.of("{\"status\":503,\"clientId\":{\"id\":\"a\"}}", "clientId"),
                Arguments.of("{\"status\":503,\"times\":\"2\"}", "times"),
                Arguments.of("{\"status\":503,\"times\":0}", "times"),
                Arguments.of("{\"status\":503,\"times\":-3}", "times"),
                Arguments.of("{\"status\":503,\"times\":2.5}", "times"),
                Arguments.of("{\"status\":503,\"times\":4294967296}", "times"),
                Arguments.of("{\"status\":503,\"durationMillis\":\"1000\"}", "durationMillis"),
                Arguments.of("{\"status\":503,\"durationMillis\":0}", "durationMillis"),
                Arguments.of("{\"status\":503,\"durationMillis\":-5}", "durationMillis"),
                Arguments.of("{\"status\":503,\"durationSeconds\":false}", "durationSeconds"),
                Arguments.of("{\"status\":503,\"durationSeconds\":0}", "durationSeconds"),
                Arguments.of("{\"status\":503,\"times\":2,\"durationMillis\":1000}", "durationMillis"));
    }

    @ParameterizedTest
    @MethodSource("badFaults")
    void aBadFieldIsRefusedWithAMessageNamingIt(String json, String field) {
        Map<String, Object> parsed = parse(json);

        assertThatThrownBy(() -> AdminJson.fault(parsed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fault." + field + ":");
    }

    @Test
    void anUnknownFieldIsRefusedNamingIt() {
        // The project's convention (JsonValues.checkFields) names the object, then the unknown field(s).
        assertThatThrownBy(() -> AdminJson.fault(parse("{\"status\":503,\"bogus\":1}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fault")
                .hasMessageContaining("bogus");
        assertThatThrownBy(() -> AdminJson.fault(parse("{\"type\":\"delay\",\"delayMillis\":5,\"Times\":2,\"zzz\":null}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fault")
                .hasMessageContaining("Times")
                .hasMessageContaining("zzz");
    }

    @Test
    void objectRefusesWhatIsNotAJsonObject() {
        assertThatThrownBy(() -> AdminJson.object("[1,2]", "fault")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fault:");
        assertThatThrownBy(() -> AdminJson.object("{\"a\":", "fault")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fault:");
        assertThatThrownBy(() -> AdminJson.object("", "fault")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fault:");
        assertThat(AdminJson.object(" {\"a\":1} ", "fault")).containsEntry("a", 1L);
    }

    // --- issued tokens and JWT verifications ---------------------------------------------------

    @Test
    void anIssuedAccessTokenRoundTrips() {
        for (IssuedAccessToken.State state : IssuedAccessToken.State.values()) {
            IssuedAccessToken token = new IssuedAccessToken("eyJ.value." + state, "id-" + state, "client-1",
                    map("client_id", "client-1", "scope", "openid,AdobeID", "expires_in", "86400000", "created_at", "1900000000000",
                            "n", 5L, "flag", true, "list", List.of("x", 2L), "nested", map("deep", map("d", 1.25))),
                    Instant.parse("2030-01-01T00:00:00.123Z"), Instant.parse("2030-01-02T00:00:00.123Z"), state);

            IssuedAccessToken back = AdminJson.token(viaText(AdminJson.token(token)));

            assertThat(back).isEqualTo(token);
            assertThat(back.scope()).isEqualTo("openid,AdobeID");
            assertThat(back.isValid()).isEqualTo(state == IssuedAccessToken.State.VALID);
        }
    }

    @Test
    void aJwtVerificationRoundTrips() {
        List<JwtVerification> verifications = List.of(
                new JwtVerification(true, 200, "", "", ""),
                new JwtVerification(false, 400, "invalid_token", "JWT token has expired.", "exp 1700000000 is before now"),
                new JwtVerification(false, 401, "invalid_client", "Client is not allowed to use this grant type.", "ünïcødé \"reason\""));
        for (JwtVerification verification : verifications) {
            assertThat(AdminJson.verification(viaText(AdminJson.verification(verification)))).isEqualTo(verification);
        }
    }

    // --- journal filter <-> query string -------------------------------------------------------

    @Test
    void theEmptyFilterIsTheEmptyQuery() throws Exception {
        assertThat(AdminJson.query(JournalFilter.all())).isEmpty();
        assertThat(AdminJson.filter(queryParams(""), Set.of())).isEqualTo(JournalFilter.all());
    }

    @Test
    void aFullFilterRoundTrips() throws Exception {
        JournalFilter filter = JournalFilter.of(ImsEndpoint.VALIDATE_TOKEN).clientId("a b&c=d+e%f/ä").failed().error("invalid_token")
                .afterSequence(41);

        assertThat(AdminJson.filter(queryParams(AdminJson.query(filter)), Set.of())).isEqualTo(filter);
    }

    @Property(tries = 400, shrinking = ShrinkingMode.FULL)
    void everyFilterRoundTripsThroughItsQueryString(@ForAll("filters") JournalFilter filter) throws Exception {
        String query = AdminJson.query(filter);

        assertThat(query).as("a query string is ASCII").matches("[\\x21-\\x7E]*");
        assertThat(AdminJson.filter(queryParams(query), Set.of())).as("query %s", query).isEqualTo(filter);
    }

    @Property(tries = 200, shrinking = ShrinkingMode.FULL)
    void everyFaultRoundTripsThroughJsonText(@ForAll("randomFaults") Fault fault) {
        assertThat(AdminJson.fault(viaText(AdminJson.fault(fault)))).isEqualTo(fault);
    }

    @Provide
    Arbitrary<JournalFilter> filters() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\u00FF').withCharRange('\u0100', '\uD7FF')
                .withChars("&=+%#?/;,\"' \t\n").ofMinLength(0).ofMaxLength(24);
        Arbitrary<Optional<ImsEndpoint>> endpoint = Arbitraries.of(ImsEndpoint.class).optional(0.6);
        Arbitrary<Optional<String>> clientId = text.optional(0.6);
        Arbitrary<JournalFilter.Outcome> outcome = Arbitraries.of(JournalFilter.Outcome.class);
        Arbitrary<Optional<String>> error = text.optional(0.5);
        Arbitrary<Long> after = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.longs().between(1, 1_000));
        return Combinators.combine(endpoint, clientId, outcome, error, after).as((e, c, o, err, a) -> {
            JournalFilter filter = JournalFilter.all();
            if (e.isPresent()) {
                filter = filter.endpoint(e.get());
            }
            if (c.isPresent()) {
                filter = filter.clientId(c.get());
            }
            filter = filter.outcome(o);
            if (err.isPresent()) {
                filter = filter.error(err.get());
            }
            return filter.afterSequence(a);
        });
    }

    @Provide
    Arbitrary<Fault> randomFaults() {
        Arbitrary<Fault> kind = Arbitraries.oneOf(
                Arbitraries.integers().between(500, 599).map(Fault::status),
                Arbitraries.longs().between(1, 86_400).map(seconds -> Fault.tooManyRequests(Duration.ofSeconds(seconds))),
                Arbitraries.longs().between(0, 300_000).map(millis -> Fault.delay(Duration.ofMillis(millis))),
                Arbitraries.just(Fault.dropConnection()),
                Arbitraries.of(Fault.Malformation.class).map(Fault::malformedBody));
        Arbitrary<Optional<ImsEndpoint>> endpoint = Arbitraries.of(ImsEndpoint.class).filter(e -> e != ImsEndpoint.UNKNOWN).optional(0.5);
        Arbitrary<Optional<String>> clientId = Arbitraries.strings().withCharRange('!', '~').withChars("äé€ ").ofMinLength(1)
                .ofMaxLength(20).filter(id -> !id.isBlank()).optional(0.5);
        Arbitrary<Integer> times = Arbitraries.integers().between(1, Integer.MAX_VALUE);
        Arbitrary<Optional<Long>> durationMillis = Arbitraries.longs().between(1, 365L * 24 * 3_600_000).optional(0.3);
        return Combinators.combine(kind, endpoint, clientId, times, durationMillis).as((f, e, c, t, d) -> {
            Fault fault = f.times(t);
            if (e.isPresent()) {
                fault = fault.on(e.get());
            }
            if (c.isPresent()) {
                fault = fault.forClient(c.get());
            }
            return d.isPresent() ? fault.during(Duration.ofMillis(d.get())) : fault;
        });
    }

    // --- filter parsing strictness -------------------------------------------------------------

    @Test
    void aFilterQueryMayNameTheEndpointByPathAndTheOutcomeInAnyCase() throws Exception {
        assertThat(AdminJson.filter(queryParams("endpoint=/ims/token/v3&outcome=SUCCEEDED"), Set.of()))
                .isEqualTo(JournalFilter.of(ImsEndpoint.TOKEN).succeeded());
        assertThat(AdminJson.filter(queryParams("endpoint=jwt_exchange&outcome=Failed&afterSequence=%2012"), Set.of()))
                .isEqualTo(JournalFilter.of(ImsEndpoint.JWT_EXCHANGE).failed().afterSequence(12));
        assertThat(AdminJson.filter(queryParams("timeoutMillis=5&clientId=x"), Set.of("timeoutMillis")))
                .isEqualTo(JournalFilter.all().clientId("x"));
    }

    @Test
    void aBadFilterQueryIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> AdminJson.filter(queryParams("endpoint=NOWHERE"), Set.of())).hasMessageStartingWith("endpoint:");
        assertThatThrownBy(() -> AdminJson.filter(queryParams("outcome=maybe"), Set.of())).hasMessageStartingWith("outcome:");
        assertThatThrownBy(() -> AdminJson.filter(queryParams("afterSequence=-1"), Set.of())).hasMessageStartingWith("afterSequence:");
        assertThatThrownBy(() -> AdminJson.filter(queryParams("afterSequence=ten"), Set.of())).hasMessageStartingWith("afterSequence:");
        assertThatThrownBy(() -> AdminJson.filter(queryParams("afterSequence=99999999999999999999"), Set.of()))
                .hasMessageStartingWith("afterSequence:");
        assertThatThrownBy(() -> AdminJson.filter(queryParams("client_id=x"), Set.of())).hasMessageStartingWith("client_id:");
        assertThatThrownBy(() -> AdminJson.filter(queryParams("timeoutMillis=5"), Set.of())).hasMessageStartingWith("timeoutMillis:");
    }
}
