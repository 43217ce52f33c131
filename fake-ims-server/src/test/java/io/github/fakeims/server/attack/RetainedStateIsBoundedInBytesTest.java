package io.github.fakeims.server.attack;

import static io.github.fakeims.server.attack.AttackKit.b64;
import static io.github.fakeims.server.attack.AttackKit.describe;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.internal.control.RetainedBytes;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every request is journaled, 404s included: what the journal keeps of a hostile request is bounded in
 * bytes (values cut with a marker, decoded JWT header and claims cut to a few KiB), and so is the whole
 * journal; a {@code jti} has a length cap.
 */
class RetainedStateIsBoundedInBytesTest {

    private static FakeImsServer ims;
    private static Credential jtiCredential;

    @BeforeAll
    static void start() {
        ims = FakeImsServer.start(FakeImsConfig.builder().clock(AttackKit.CLOCK).build());
        jtiCredential = TestCredentials.credential(TestKeys.KEYS).jtiRequired(true).build();
        ims.register(jtiCredential);
    }

    @AfterAll
    static void stop() {
        ims.close();
    }

    /** A JWT of about {@code bytes} whose payload is one flat object of tiny claims: the most map entries per byte. */
    static String hugeJwt(int keys) {
        StringBuilder payload = new StringBuilder("{");
        for (int i = 0; i < keys; i++) {
            payload.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        payload.append('}');
        return b64(AttackKit.RS256_HEADER) + "." + b64(payload.toString()) + "." + b64("not a signature");
    }

    /** A form body just under the 1 MiB limit: a huge JWT and a huge other parameter, 404 or 400 alike. */
    static byte[] hostileBody() {
        String jwt = hugeJwt(60_000);
        String filler = "x".repeat(1_000_000 - jwt.length());
        return ("client_id=nobody&client_secret=s&jwt_token=" + jwt + "&comment=" + filler).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aHostileRequestLeavesABoundedJournalEntry() {
        byte[] body = hostileBody();
        assertThat(body.length).isLessThan(1 << 20);
        for (String path : List.of("/ims/exchange/jwt", "/ims/no-such-endpoint")) {
            HttpResponse<String> response = AttackKit.post(ims.baseUrl().resolve(path), "application/x-www-form-urlencoded", body);
            assertThat(response.statusCode()).as(describe(response)).isBetween(400, 499);

            JournalEntry entry = last();
            assertThat(entry.parameters().get("comment")).hasSizeLessThanOrEqualTo(RetainedBytes.MAX_VALUE_CHARS + 40)
                    .startsWith("xxxx").endsWith(" chars, cut)"); // cut with a marker that says how long it was
            assertThat(entry.jwtClaims()).hasValueSatisfying(claims -> {
                assertThat(claims.size()).isLessThan(2_000);
                assertThat(claims).containsKey(RetainedBytes.TRUNCATED_MARKER);
            });
            assertThat(RetainedBytes.of(entry)).isLessThanOrEqualTo(RetainedBytes.MAX_ENTRY_BYTES);
            System.out.printf("RetainedStateIsBoundedInBytesTest: %s with a %d-byte body: the entry retains ~%d bytes%n", path,
                    body.length, RetainedBytes.of(entry));
        }
    }

    @Test
    void theWholeJournalStaysWithinItsByteBudget() {
        byte[] body = hostileBody();
        for (int i = 0; i < 30; i++) {
            AttackKit.post(ims.baseUrl().resolve("/ims/exchange/jwt"), "application/x-www-form-urlencoded", body);
        }
        long total = ims.journal().entries().stream().mapToLong(RetainedBytes::of).sum();
        assertThat(total).isLessThanOrEqualTo(RetainedBytes.JOURNAL_BUDGET_BYTES);
        System.out.printf("RetainedStateIsBoundedInBytesTest: %d entries retain ~%d bytes%n", ims.journal().entries().size(), total);
        HttpResponse<String> health = AttackKit.http("GET", ims.baseUrl().resolve("/fake-ims/health"), Map.of(), new byte[0],
                java.time.Duration.ofSeconds(5));
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void aJtiLongerThanItsCapIsRefused() {
        Map<String, Object> claims = AttackKit.claims(ims, jtiCredential);
        claims.put("jti", "j".repeat(257));

        HttpResponse<String> response = AttackKit.exchange(ims, jtiCredential, AttackKit.signed(claims));

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
        assertThat(AttackKit.reason(response)).contains("jti").contains("256");
        claims.put("jti", "j".repeat(256));
        AttackKit.assertIssued(AttackKit.exchange(ims, jtiCredential, AttackKit.signed(claims)));
    }

    private static JournalEntry last() {
        List<JournalEntry> entries = ims.journal().entries();
        return entries.get(entries.size() - 1);
    }
}
