package io.github.fakeims.server.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.internal.core.HandlerResult;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.core.Outcome;
import io.github.fakeims.server.internal.http.ImsResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link FaultEffects}: what each kind of fault does to a request's handling. */
class FaultEffectsTest {

    private static final java.time.Instant NOW = java.time.Instant.parse("2026-12-01T12:00:00Z");


    private static final String ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJpZCI6IjEifQ.c2ln";

    /** A handling that counts its calls and answers {@code result}. */
    private static final class CountingHandling implements FaultEffects.Handling {
        final AtomicInteger calls = new AtomicInteger();
        final HandlerResult result;

        CountingHandling(ImsResponse response) {
            this(HandlerResult.answered(response));
        }

        CountingHandling(HandlerResult result) {
            this.result = result;
        }

        @Override
        public HandlerResult handle() {
            calls.incrementAndGet();
            return result;
        }
    }

    private static ImsResponse tokenResponse() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", ACCESS_TOKEN);
        json.put("token_type", "bearer");
        json.put("expires_in", 86_399_995L);
        return ImsResponse.json(200, json).withHeader("X-Extra", "kept");
    }

    private static Map<String, Object> json(ImsResponse response) {
        try {
            return JSONObjectUtils.parse(response.bodyText());
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + response.bodyText(), e);
        }
    }

    // --- STATUS --------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "500, server_error",
            "501, server_error",
            "502, bad_gateway",
            "503, temporarily_unavailable",
            "504, gateway_timeout",
            "599, server_error",
    })
    void aStatusFaultRejectsWithThatStatusAndNeverHandles(int status, String code) {
        CountingHandling handling = new CountingHandling(tokenResponse());
        Fault fault = Fault.status(status);

        ImsRejection rejection = catchThrowableOfType(ImsRejection.class, () -> FaultEffects.apply(fault, NOW, handling));

        assertThat(rejection).isNotNull();
        ImsError error = rejection.error();
        assertThat(error.status()).isEqualTo(status);
        assertThat(error.error()).isEqualTo(code);
        assertThat(error.description()).isNotBlank();
        assertThat(error.reason()).contains("scripted fault").contains(fault.toString());
        assertThat(rejection.headers()).doesNotContainKey("Retry-After");
        assertThat(handling.calls).hasValue(0);
    }

    @Test
    void a429FaultRejectsWithRetryAfterInSeconds() {
        CountingHandling handling = new CountingHandling(tokenResponse());

        ImsRejection rejection = catchThrowableOfType(ImsRejection.class,
                () -> FaultEffects.apply(Fault.tooManyRequests(Duration.ofSeconds(7)), NOW, handling));

        assertThat(rejection.error().status()).isEqualTo(429);
        assertThat(rejection.error().error()).isEqualTo("too_many_requests");
        assertThat(rejection.headers()).containsEntry("Retry-After", "7");
        assertThat(handling.calls).hasValue(0);

        ImsRejection plain = catchThrowableOfType(ImsRejection.class, () -> FaultEffects.apply(Fault.status(429), NOW, handling));
        assertThat(plain.headers()).containsEntry("Retry-After", "1");
    }

    @Test
    void a503FaultSendsRetryAfterInSecondsOrAsAnHttpDateByTheFakesClock() {
        CountingHandling handling = new CountingHandling(tokenResponse());

        ImsRejection seconds = catchThrowableOfType(ImsRejection.class,
                () -> FaultEffects.apply(Fault.status(503).retryAfter(Duration.ofSeconds(5)), NOW, handling));
        ImsRejection date = catchThrowableOfType(ImsRejection.class,
                () -> FaultEffects.apply(Fault.status(503).retryAfter(Duration.ofSeconds(5)).retryAfterAsHttpDate(),
                        java.time.Instant.parse("2026-12-01T09:05:00.750Z"), handling));

        assertThat(seconds.error().status()).isEqualTo(503);
        assertThat(seconds.headers()).containsEntry("Retry-After", "5");
        assertThat(date.headers()).containsEntry("Retry-After", "Tue, 01 Dec 2026 09:05:05 GMT");
        assertThat(handling.calls).hasValue(0);
    }

    @Test
    void retryAfterIsRefusedOnOtherStatusesAndTheDateFormNeedsADuration() {
        assertThatThrownBy(() -> Fault.status(500).retryAfter(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("429 or 503 only");
        assertThatThrownBy(() -> Fault.status(503).retryAfterAsHttpDate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set it first");
    }

    @Test
    void aStatusRejectionBecomesAnImsShapedResponse() {
        ImsRejection rejection = catchThrowableOfType(ImsRejection.class,
                () -> FaultEffects.apply(Fault.status(503), NOW, new CountingHandling(tokenResponse())));

        ImsResponse response = rejection.error().toResponse();
        assertThat(response.status()).isEqualTo(503);
        assertThat(json(response)).containsOnlyKeys("error", "error_description")
                .containsEntry("error", "temporarily_unavailable");
        assertThat(response.headers()).containsKey(ImsResponse.REASON_HEADER);
    }

    // --- DELAY ---------------------------------------------------------------------------------

    @Test
    void aZeroDelayThenHandlesOnce() throws Exception {
        ImsResponse expected = tokenResponse();
        CountingHandling handling = new CountingHandling(expected);

        ImsResponse response = FaultEffects.apply(Fault.delay(Duration.ZERO), NOW, handling).response();

        assertThat(response).isSameAs(expected);
        assertThat(handling.calls).hasValue(1);
    }

    @Test
    void aShortDelayThenHandlesOnce() throws Exception {
        ImsResponse expected = tokenResponse();
        CountingHandling handling = new CountingHandling(expected);

        ImsResponse response = FaultEffects.apply(Fault.delay(Duration.ofMillis(1)), NOW, handling).response();

        assertThat(response).isSameAs(expected);
        assertThat(handling.calls).hasValue(1);
    }

    @Test
    void aDelayPassesOnTheHandlingsRejection() {
        ImsRejection refused = new ImsRejection(ImsError.unknownClient("no such client"));

        assertThatThrownBy(() -> FaultEffects.apply(Fault.delay(Duration.ZERO), NOW, () -> {
            throw refused;
        })).isSameAs(refused);
    }

    @Test
    void anInterruptedDelayDropsTheConnectionWithoutHandlingAndKeepsTheFlag() throws Exception {
        CountingHandling handling = new CountingHandling(tokenResponse());
        ImsResponse response;
        boolean stillInterrupted;
        try {
            Thread.currentThread().interrupt();
            response = FaultEffects.apply(Fault.delay(Duration.ofMillis(1)), NOW, handling).response();
            stillInterrupted = Thread.currentThread().isInterrupted();
        } finally {
            Thread.interrupted();
        }

        assertThat(response).isSameAs(ImsResponse.DROP_CONNECTION);
        assertThat(stillInterrupted).isTrue();
        assertThat(handling.calls).hasValue(0);
    }

    // --- DROP_CONNECTION -----------------------------------------------------------------------

    @Test
    void aDropConnectionFaultNeverHandles() throws Exception {
        CountingHandling handling = new CountingHandling(tokenResponse());

        ImsResponse response = FaultEffects.apply(Fault.dropConnection(), NOW, handling).response();

        assertThat(response).isSameAs(ImsResponse.DROP_CONNECTION);
        assertThat(response.dropsConnection()).isTrue();
        assertThat(handling.calls).hasValue(0);
    }

    // --- MALFORMED_BODY ------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Fault.Malformation.class)
    void everyMalformationBreaksASuccessfulJsonBodyAndKeepsStatusAndHeaders(Fault.Malformation malformation) throws Exception {
        ImsResponse original = tokenResponse();
        CountingHandling handling = new CountingHandling(original);

        ImsResponse response = FaultEffects.apply(Fault.malformedBody(malformation), NOW, handling).response();

        assertThat(handling.calls).hasValue(1);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("X-Extra", "kept");
        assertThat(response.bodyText()).isNotEqualTo(original.bodyText());
        String body = response.bodyText();
        switch (malformation) {
            case EXPIRES_IN_AS_STRING -> {
                assertThat(json(response)).containsEntry("expires_in", "86399995")
                        .containsEntry("access_token", ACCESS_TOKEN).containsEntry("token_type", "bearer");
                assertThat(response.headers()).containsEntry("Content-Type", ImsResponse.JSON);
            }
            case MISSING_ACCESS_TOKEN -> {
                assertThat(json(response)).doesNotContainKey("access_token")
                        .containsEntry("expires_in", 86_399_995L).containsEntry("token_type", "bearer");
                assertThat(response.headers()).containsEntry("Content-Type", ImsResponse.JSON);
            }
            case MISSING_EXPIRES_IN -> {
                assertThat(json(response)).doesNotContainKey("expires_in")
                        .containsEntry("access_token", ACCESS_TOKEN).containsEntry("token_type", "bearer");
                assertThat(response.headers()).containsEntry("Content-Type", ImsResponse.JSON);
            }
            case TRUNCATED_JSON -> {
                assertThat(body).isNotEmpty();
                assertThat(original.bodyText()).startsWith(body);
                assertThat(body.length()).isLessThan(original.bodyText().length());
                assertThatThrownBy(() -> JSONObjectUtils.parse(body)).isInstanceOf(ParseException.class);
                assertThat(response.headers()).containsEntry("Content-Type", ImsResponse.JSON);
            }
            case HTML_PAGE -> {
                assertThat(body).startsWith("<html>").contains("</html>");
                assertThat(response.headers().get("Content-Type")).startsWith("text/html");
            }
            case EMPTY_BODY -> {
                assertThat(body).isEmpty();
                assertThat(response.body()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.Malformation.class)
    void aMalformedBodyKeepsTheHandlingsOutcome(Fault.Malformation malformation) throws Exception {
        HandlerResult issued = new HandlerResult(tokenResponse(), Outcome.issued("token-id-1"));

        HandlerResult result = FaultEffects.apply(Fault.malformedBody(malformation), NOW, new CountingHandling(issued));

        assertThat(result.response().bodyText()).isNotEqualTo(issued.response().bodyText());
        assertThat(result.outcome()).isSameAs(issued.outcome());
    }

    @ParameterizedTest
    @EnumSource(Fault.Malformation.class)
    void anErrorResponseIsLeftUntouched(Fault.Malformation malformation) throws Exception {
        ImsResponse error = ImsError.unknownClient("no such client").toResponse();
        CountingHandling handling = new CountingHandling(error);

        ImsResponse response = FaultEffects.apply(Fault.malformedBody(malformation), NOW, handling).response();

        assertThat(response).isSameAs(error);
        assertThat(handling.calls).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Fault.Malformation.class)
    void aRejectionOfTheHandlingPassesThroughAMalformedBodyFault(Fault.Malformation malformation) {
        ImsRejection refused = new ImsRejection(ImsError.wrongSecret("wrong secret"));

        assertThatThrownBy(() -> FaultEffects.apply(Fault.malformedBody(malformation), NOW, () -> {
            throw refused;
        })).isSameAs(refused);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.Malformation.class, names = {"EXPIRES_IN_AS_STRING", "MISSING_ACCESS_TOKEN", "MISSING_EXPIRES_IN"})
    void aFieldMalformationOfANonJsonSuccessLeavesItAsItWas(Fault.Malformation malformation) throws Exception {
        ImsResponse empty = ImsResponse.empty(200);

        ImsResponse response = FaultEffects.apply(Fault.malformedBody(malformation), NOW, new CountingHandling(empty)).response();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEmpty();
    }

    @Test
    void expiresInAsStringLeavesABodyWithoutExpiresInAlone() throws Exception {
        ImsResponse noExpiry = ImsResponse.json(200, Map.of("keys", java.util.List.of()));

        ImsResponse response = FaultEffects.apply(Fault.malformedBody(Fault.Malformation.EXPIRES_IN_AS_STRING), NOW,
                new CountingHandling(noExpiry)).response();

        assertThat(json(response)).isEqualTo(Map.of("keys", java.util.List.of()));
    }
}
