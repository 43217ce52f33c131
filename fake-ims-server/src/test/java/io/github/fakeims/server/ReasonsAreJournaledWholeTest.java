package io.github.fakeims.server;

import static io.github.fakeims.server.ImsErrorAssertions.REASON;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.internal.control.RetainedBytes;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journal records the precise reason as the handler gave it, whole (cut only at its own cap,
 * {@link RetainedBytes#MAX_TEXT_CHARS}), while the {@code X-Fake-Ims-Reason} header the client gets is
 * one line of visible ASCII of at most 1,000 characters: the header is rendered from the reason, never
 * the journal's source.
 */
class ReasonsAreJournaledWholeTest {

    private static final int HEADER_CHARS = 1000;

    @AutoClose
    private static FakeImsServer ims;

    @BeforeAll
    static void start() {
        ims = FakeImsServer.start();
    }

    @BeforeEach
    void clearJournal() {
        ims.journal().clear();
    }

    /** 1,200 characters the header cannot carry as they are: accents, a line break, a tab, a non-BMP emoji. */
    private static String unsafeValue() {
        return "é\nü\t😀-".repeat(200);
    }

    private static JournalEntry onlyEntry() {
        List<JournalEntry> entries = ims.journal().entries();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static void assertSanitisedHeader(HttpResponse<String> response, String reason) {
        String header = response.headers().firstValue(REASON).orElseThrow();
        assertThat(header).hasSize(HEADER_CHARS).matches("[\\x20-\\x7E]*");
        // character for character the reason, each one the header cannot carry as '?'
        StringBuilder expected = new StringBuilder();
        for (int i = 0; expected.length() < HEADER_CHARS; i++) {
            char c = reason.charAt(i);
            expected.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        assertThat(header).isEqualTo(expected.toString());
    }

    @Test
    void aRejectionsReasonIsJournaledWholeWhileTheHeaderIsSanitisedAndCut() {
        String grantType = unsafeValue();
        String reason = "grant_type " + grantType + " is unknown; expected client_credentials";

        HttpResponse<String> response = ImsHttp.postForm(ims.baseUrl().resolve("/ims/token/v3"), Map.of("grant_type", grantType));

        assertThat(response.statusCode()).isEqualTo(400);
        assertSanitisedHeader(response, reason);
        JournalEntry entry = onlyEntry();
        assertThat(entry.error()).contains("unsupported_grant_type");
        assertThat(entry.reason()).contains(reason);
        assertThat(reason.length()).isGreaterThan(HEADER_CHARS).isLessThan(RetainedBytes.MAX_TEXT_CHARS);
    }

    @Test
    void aNegativeValidationsReasonIsJournaledWholeWhileTheHeaderIsSanitisedAndCut() {
        String type = unsafeValue();
        String reason = "invalid_type: type was " + type + "; the fake validates access_token only";

        HttpResponse<String> response = ImsHttp.postForm(ims.baseUrl().resolve("/ims/validate_token/v1"),
                Map.of("type", type, "client_id", "some-client", "token", "not-a-token"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ImsHttp.json(response)).containsEntry("valid", false).containsEntry("reason", "invalid_type");
        assertSanitisedHeader(response, reason);
        JournalEntry entry = onlyEntry();
        assertThat(entry.error()).isEmpty();
        assertThat(entry.reason()).contains(reason);
    }

    @Test
    void aReasonPastTheJournalsCapIsCutThereAndSaysHowLongItWas() {
        String grantType = "x".repeat(3 * RetainedBytes.MAX_TEXT_CHARS);
        String reason = "grant_type " + grantType + " is unknown; expected client_credentials";

        HttpResponse<String> response = ImsHttp.postForm(ims.baseUrl().resolve("/ims/token/v3"), Map.of("grant_type", grantType));

        assertSanitisedHeader(response, reason);
        assertThat(onlyEntry().reason()).contains(reason.substring(0, RetainedBytes.MAX_TEXT_CHARS)
                + "…(" + reason.length() + " chars, cut)");
    }
}
