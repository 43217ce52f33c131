package io.github.fakeims.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Fault}: the factories' validation, what a fault matches, its narrowing, equality and description. */
class FaultTest {

    // --- validation ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {-5_000, -1, 0, 1, 999})
    void tooManyRequestsRefusesARetryAfterBelowOneSecond(long millis) {
        assertThatThrownBy(() -> Fault.tooManyRequests(Duration.ofMillis(millis)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("retryAfter:")
                .hasMessageContaining("at least 1 second");
    }

    @Test
    void tooManyRequestsKeepsWholeSeconds() {
        assertThat(Fault.tooManyRequests(Duration.ofSeconds(1)).retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(Fault.tooManyRequests(Duration.ofSeconds(3)).retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(Fault.tooManyRequests(Duration.ofMillis(2_500)).retryAfter()).contains(Duration.ofSeconds(2));

        Fault fault = Fault.tooManyRequests(Duration.ofSeconds(3));
        assertThat(fault.kind()).isEqualTo(Fault.Kind.STATUS);
        assertThat(fault.status()).isEqualTo(429);
        assertThat(fault.times()).isEqualTo(1);
        assertThat(fault.duration()).isEmpty();
        assertThat(fault.endpoint()).isEmpty();
        assertThat(fault.clientId()).isEmpty();
        assertThat(fault.delay()).isEmpty();
        assertThat(fault.malformation()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 100, 200, 204, 302, 400, 401, 404, 428, 430, 499, 600, 999})
    void statusRefusesAnythingButA429OrA5xx(int status) {
        assertThatThrownBy(() -> Fault.status(status))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("status:")
                .hasMessageContaining("was " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 501, 502, 503, 504, 599})
    void statusAcceptsA429AndEvery5xx(int status) {
        Fault fault = Fault.status(status);

        assertThat(fault.kind()).isEqualTo(Fault.Kind.STATUS);
        assertThat(fault.status()).isEqualTo(status);
        assertThat(fault.times()).isEqualTo(1);
        assertThat(fault.retryAfter()).isEqualTo(status == 429 ? Optional.of(Duration.ofSeconds(1)) : Optional.empty());
    }

    @Test
    void status429IsTooManyRequestsWithRetryAfterOneSecond() {
        assertThat(Fault.status(429)).isEqualTo(Fault.tooManyRequests(Duration.ofSeconds(1)));
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE / 1_000_000, -1_000, -1, 300_001, 3_600_000})
    void delayRefusesNegativeAndOverFiveMinutes(long millis) {
        assertThatThrownBy(() -> Fault.delay(Duration.ofMillis(millis)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("delay:");
    }

    @Test
    void delayRefusesOneNanosecondOverFiveMinutesAndOneNanosecondBelowZero() {
        assertThatThrownBy(() -> Fault.delay(Duration.ofMinutes(5).plusNanos(1))).hasMessageStartingWith("delay:");
        assertThatThrownBy(() -> Fault.delay(Duration.ofNanos(-1))).hasMessageStartingWith("delay:");
    }

    @Test
    void delayAcceptsZeroToFiveMinutes() {
        assertThat(Fault.delay(Duration.ZERO).delay()).contains(Duration.ZERO);
        assertThat(Fault.delay(Duration.ofMillis(1)).delay()).contains(Duration.ofMillis(1));
        assertThat(Fault.delay(Duration.ofMinutes(5)).delay()).contains(Duration.ofMinutes(5));
        assertThat(Fault.delay(Duration.ofSeconds(2)).kind()).isEqualTo(Fault.Kind.DELAY);
        assertThat(Fault.delay(Duration.ofSeconds(2)).status()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0})
    void timesRefusesFewerThanOne(int count) {
        assertThatThrownBy(() -> Fault.dropConnection().times(count))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("times:")
                .hasMessageContaining("was " + count);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -60_000})
    void duringRefusesZeroAndNegative(long millis) {
        assertThatThrownBy(() -> Fault.dropConnection().during(Duration.ofMillis(millis)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("duration:");
        assertThatThrownBy(() -> Fault.status(503).during(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("duration:");
    }

    @Test
    void duringAcceptsTheShortestPositiveDuration() {
        assertThat(Fault.dropConnection().during(Duration.ofNanos(1)).duration()).contains(Duration.ofNanos(1));
    }

    @Test
    void onRefusesUnknown() {
        assertThatThrownBy(() -> Fault.status(500).on(ImsEndpoint.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\n  "})
    void forClientRefusesBlank(String clientId) {
        assertThatThrownBy(() -> Fault.status(500).forClient(clientId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("clientId:");
    }

    @Test
    void aRefusedNarrowingLeavesTheFaultAsItWas() {
        Fault fault = Fault.status(500).on(ImsEndpoint.TOKEN).times(3);
        Fault copy = Fault.status(500).on(ImsEndpoint.TOKEN).times(3);

        assertThatThrownBy(() -> fault.times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fault.forClient(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fault.on(ImsEndpoint.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);

        assertThat(fault).isEqualTo(copy);
    }

    // --- matching ------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(ImsEndpoint.class)
    void aFaultOnNoEndpointMatchesEveryEndpointButUnknown(ImsEndpoint endpoint) {
        Fault fault = Fault.dropConnection();

        assertThat(fault.matches(endpoint, Optional.empty())).isEqualTo(endpoint != ImsEndpoint.UNKNOWN);
        assertThat(fault.matches(endpoint, Optional.of("any-client"))).isEqualTo(endpoint != ImsEndpoint.UNKNOWN);
    }

    @ParameterizedTest
    @EnumSource(value = ImsEndpoint.class, mode = EnumSource.Mode.EXCLUDE, names = "UNKNOWN")
    void aFaultOnAnEndpointMatchesThatEndpointOnly(ImsEndpoint wanted) {
        Fault fault = Fault.status(503).on(wanted);

        for (ImsEndpoint called : ImsEndpoint.values()) {
            assertThat(fault.matches(called, Optional.empty())).as("%s called", called).isEqualTo(called == wanted);
            assertThat(fault.matches(called, Optional.of("c"))).as("%s called by c", called).isEqualTo(called == wanted);
        }
    }

    @Test
    void aFaultForAClientMatchesThatClientOnly() {
        Fault fault = Fault.status(503).forClient("client-a");

        assertThat(fault.matches(ImsEndpoint.TOKEN, Optional.of("client-a"))).isTrue();
        assertThat(fault.matches(ImsEndpoint.KEYS, Optional.of("client-a"))).isTrue();
        assertThat(fault.matches(ImsEndpoint.TOKEN, Optional.of("client-b"))).isFalse();
        assertThat(fault.matches(ImsEndpoint.TOKEN, Optional.of("CLIENT-A"))).isFalse();
        assertThat(fault.matches(ImsEndpoint.TOKEN, Optional.of("client-a "))).isFalse();
        assertThat(fault.matches(ImsEndpoint.TOKEN, Optional.empty())).isFalse();
        assertThat(fault.matches(ImsEndpoint.UNKNOWN, Optional.of("client-a"))).isFalse();
    }

    @Test
    void aFaultOnAnEndpointForAClientNeedsBoth() {
        Fault fault = Fault.status(503).on(ImsEndpoint.JWT_EXCHANGE).forClient("client-a");

        assertThat(fault.matches(ImsEndpoint.JWT_EXCHANGE, Optional.of("client-a"))).isTrue();
        assertThat(fault.matches(ImsEndpoint.TOKEN, Optional.of("client-a"))).isFalse();
        assertThat(fault.matches(ImsEndpoint.JWT_EXCHANGE, Optional.of("client-b"))).isFalse();
        assertThat(fault.matches(ImsEndpoint.JWT_EXCHANGE, Optional.empty())).isFalse();
    }

    @Test
    void theLastOnAndForClientWin() {
        Fault fault = Fault.status(500).on(ImsEndpoint.TOKEN).on(ImsEndpoint.KEYS).forClient("a").forClient("b");

        assertThat(fault.endpoint()).contains(ImsEndpoint.KEYS);
        assertThat(fault.clientId()).contains("b");
        assertThat(fault.matches(ImsEndpoint.KEYS, Optional.of("b"))).isTrue();
        assertThat(fault.matches(ImsEndpoint.TOKEN, Optional.of("b"))).isFalse();
        assertThat(fault.matches(ImsEndpoint.KEYS, Optional.of("a"))).isFalse();
    }

    // --- times and during ----------------------------------------------------------------------

    @Test
    void timesAfterDuringReplacesTheDuration() {
        Fault fault = Fault.status(503).during(Duration.ofMinutes(1)).times(4);

        assertThat(fault.times()).isEqualTo(4);
        assertThat(fault.duration()).isEmpty();
        assertThat(fault).isEqualTo(Fault.status(503).times(4));
    }

    @Test
    void duringAfterTimesReplacesTheCount() {
        Fault fault = Fault.status(503).times(4).during(Duration.ofSeconds(30));

        assertThat(fault.duration()).contains(Duration.ofSeconds(30));
        assertThat(fault.times()).isZero();
        assertThat(fault).isEqualTo(Fault.status(503).during(Duration.ofSeconds(30)));
    }

    @Test
    void narrowingKeepsEverythingElse() {
        Fault fault = Fault.tooManyRequests(Duration.ofSeconds(7)).on(ImsEndpoint.TOKEN).forClient("c").times(2)
                .during(Duration.ofSeconds(9)).times(5);

        assertThat(fault.kind()).isEqualTo(Fault.Kind.STATUS);
        assertThat(fault.status()).isEqualTo(429);
        assertThat(fault.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(fault.endpoint()).contains(ImsEndpoint.TOKEN);
        assertThat(fault.clientId()).contains("c");
        assertThat(fault.times()).isEqualTo(5);
        assertThat(fault.duration()).isEmpty();

        Fault delayed = Fault.delay(Duration.ofMillis(250)).forClient("x").during(Duration.ofMinutes(2));
        assertThat(delayed.delay()).contains(Duration.ofMillis(250));
        assertThat(delayed.clientId()).contains("x");
        assertThat(delayed.endpoint()).isEmpty();

        Fault malformed = Fault.malformedBody(Fault.Malformation.HTML_PAGE).on(ImsEndpoint.JWT_EXCHANGE).times(3);
        assertThat(malformed.malformation()).contains(Fault.Malformation.HTML_PAGE);
        assertThat(malformed.kind()).isEqualTo(Fault.Kind.MALFORMED_BODY);
    }

    // --- equality ------------------------------------------------------------------------------

    @Test
    void equalFaultsAreEqualAndHashAlike() {
        Fault[] pairs = {
                Fault.status(503), Fault.status(503),
                Fault.tooManyRequests(Duration.ofSeconds(3)).on(ImsEndpoint.TOKEN), Fault.tooManyRequests(Duration.ofMillis(3_400)).on(ImsEndpoint.TOKEN),
                Fault.delay(Duration.ofMillis(5)).forClient("a").times(2), Fault.delay(Duration.ofMillis(5)).times(2).forClient("a"),
                Fault.dropConnection().during(Duration.ofSeconds(4)), Fault.dropConnection().times(9).during(Duration.ofSeconds(4)),
                Fault.malformedBody(Fault.Malformation.EMPTY_BODY), Fault.malformedBody(Fault.Malformation.EMPTY_BODY).times(1),
        };
        for (int i = 0; i < pairs.length; i += 2) {
            assertThat(pairs[i]).isEqualTo(pairs[i + 1]);
            assertThat(pairs[i].hashCode()).isEqualTo(pairs[i + 1].hashCode());
        }
    }

    @Test
    void faultsThatDifferInAnyPartAreNotEqual() {
        Fault base = Fault.status(503).on(ImsEndpoint.TOKEN).forClient("a").times(2);
        Fault[] others = {
                Fault.status(502).on(ImsEndpoint.TOKEN).forClient("a").times(2),
                Fault.status(503).on(ImsEndpoint.KEYS).forClient("a").times(2),
                Fault.status(503).forClient("a").times(2),
                Fault.status(503).on(ImsEndpoint.TOKEN).forClient("b").times(2),
                Fault.status(503).on(ImsEndpoint.TOKEN).times(2),
                Fault.status(503).on(ImsEndpoint.TOKEN).forClient("a").times(3),
                Fault.status(503).on(ImsEndpoint.TOKEN).forClient("a").during(Duration.ofSeconds(2)),
                Fault.dropConnection().on(ImsEndpoint.TOKEN).forClient("a").times(2),
        };
        for (Fault other : others) {
            assertThat(base).as("vs %s", other).isNotEqualTo(other);
        }
        assertThat(Fault.tooManyRequests(Duration.ofSeconds(2))).isNotEqualTo(Fault.tooManyRequests(Duration.ofSeconds(3)));
        assertThat(Fault.delay(Duration.ofMillis(1))).isNotEqualTo(Fault.delay(Duration.ofMillis(2)));
        assertThat(Fault.delay(Duration.ZERO)).isNotEqualTo(Fault.dropConnection());
        assertThat(Fault.malformedBody(Fault.Malformation.EMPTY_BODY)).isNotEqualTo(Fault.malformedBody(Fault.Malformation.HTML_PAGE));
        assertThat(Fault.dropConnection().during(Duration.ofSeconds(1))).isNotEqualTo(Fault.dropConnection().during(Duration.ofSeconds(2)));
        assertThat(base).isNotEqualTo(null).isNotEqualTo("503");
    }

    // --- description ---------------------------------------------------------------------------

    @Test
    void effectSaysWhatTheFaultDoes() {
        assertThat(Fault.tooManyRequests(Duration.ofSeconds(3)).effect()).isEqualTo("429 Retry-After: 3");
        assertThat(Fault.status(503).effect()).isEqualTo("503");
        assertThat(Fault.delay(Duration.ofMillis(1_500)).effect()).isEqualTo("delay 1500 ms");
        assertThat(Fault.dropConnection().effect()).isEqualTo("dropped connection");
        assertThat(Fault.malformedBody(Fault.Malformation.TRUNCATED_JSON).effect()).isEqualTo("malformed body TRUNCATED_JSON");
    }

    @Test
    void toStringSaysEffectScopeAndCount() {
        assertThat(Fault.status(503)).hasToString("503 on any endpoint, 1 call");
        assertThat(Fault.tooManyRequests(Duration.ofSeconds(3)).on(ImsEndpoint.TOKEN).times(2))
                .hasToString("429 Retry-After: 3 on TOKEN, 2 calls");
        assertThat(Fault.dropConnection().on(ImsEndpoint.JWT_EXCHANGE).forClient("client-1"))
                .hasToString("dropped connection on JWT_EXCHANGE for client_id client-1, 1 call");
        assertThat(Fault.delay(Duration.ofMillis(20)).during(Duration.ofSeconds(90)))
                .hasToString("delay 20 ms on any endpoint for PT1M30S");
    }

    @ParameterizedTest
    @EnumSource(Fault.Malformation.class)
    void everyMalformationIsNamed(Fault.Malformation malformation) {
        Fault fault = Fault.malformedBody(malformation).on(ImsEndpoint.TOKEN);

        assertThat(fault.effect()).contains(malformation.name());
        assertThat(fault.toString()).startsWith(fault.effect()).contains("TOKEN");
    }
}
