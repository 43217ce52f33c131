package io.github.fakeims.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

/** What every IMS error on the wire must be: exact status, code and text, JSON, a debug id, and the precise reason beside it. */
public final class ImsErrorAssertions {

    public static final String REASON = "X-Fake-Ims-Reason";
    public static final String JSON = "application/json;charset=UTF-8";

    private ImsErrorAssertions() {
    }

    /** The exact IMS error body: compact, {@code error_description} first. */
    public static String body(String error, String description) {
        return "{\"error_description\":\"" + description + "\",\"error\":\"" + error + "\"}";
    }

    public static void assertImsError(HttpResponse<String> response, int status, String error, String description,
                                      String... reasonParts) {
        String reason = response.headers().firstValue(REASON).orElse("");
        assertThat(response.statusCode()).as("%s; %s: %s", response.body(), REASON, reason).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(response.body()).doesNotContainIgnoringCase("<html").doesNotContain("Exception");
        assertThat(ImsHttp.json(response)).as("%s: %s", REASON, reason)
                .containsOnly(Map.entry("error", error), Map.entry("error_description", description));
        // Byte for byte as every real capture: error_description first (some client mocks match the literal string).
        assertThat(response.body()).isEqualTo(ImsErrorAssertions.body(error, description));
        assertThat(response.headers().firstValue("x-debug-id")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
        if (reasonParts.length == 0) {
            assertThat(reason).as("the precise reason").isNotBlank();
        } else {
            assertThat(reason).contains(reasonParts);
        }
    }
}
