package io.github.fakeims.server.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.internal.http.ImsResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link HandlerResult}: the reason header is rendered from the outcome, and only when there is a reason. */
class HandlerResultTest {

    @Test
    void aResultWithoutAReasonRendersItsResponseAsItIs() {
        ImsResponse response = ImsResponse.json(200, Map.of("ok", true));

        assertThat(HandlerResult.answered(response).rendered()).isSameAs(response);
        assertThat(new HandlerResult(response, Outcome.issued("token-1")).rendered().headers())
                .doesNotContainKey(ImsResponse.REASON_HEADER);
    }

    @Test
    void warningsAreJoinedIntoOneReason() {
        Outcome outcome = new Outcome(Optional.of("token-1"), Optional.empty(), List.of("exp is in milliseconds", "iat is odd"),
                Optional.empty());

        assertThat(outcome.reason()).contains("exp is in milliseconds; iat is odd");
        assertThat(new HandlerResult(ImsResponse.empty(200), outcome).rendered().headers())
                .containsEntry(ImsResponse.REASON_HEADER, "exp is in milliseconds; iat is odd");
    }

    @Test
    void aRejectionCarriesItsErrorItsHeadersAndRendersTheSameResponseAsTheError() {
        ImsError error = ImsError.unknownClient("no credential has client_id nobody");
        HandlerResult result = HandlerResult.rejected(new ImsRejection(error, Map.of("Allow", "POST")));

        assertThat(result.outcome().error()).contains(error);
        assertThat(result.response().headers()).containsEntry("Allow", "POST").doesNotContainKey(ImsResponse.REASON_HEADER);
        ImsResponse rendered = result.rendered();
        assertThat(rendered.headers()).containsEntry(ImsResponse.REASON_HEADER, error.reason()).containsEntry("Allow", "POST");
        assertThat(rendered.body()).isEqualTo(error.toResponse().body());
        assertThat(rendered.status()).isEqualTo(400);
    }

    @Test
    void theHeaderIsSanitisedWhileTheOutcomeKeepsTheReasonWhole() {
        String reason = "line one\nline two é " + "x".repeat(1200);
        HandlerResult result = new HandlerResult(ImsResponse.empty(200), Outcome.noted(reason));

        assertThat(result.outcome().reason()).contains(reason);
        assertThat(result.rendered().headers().get(ImsResponse.REASON_HEADER)).hasSize(1000).startsWith("line one?line two ? x");
    }
}
