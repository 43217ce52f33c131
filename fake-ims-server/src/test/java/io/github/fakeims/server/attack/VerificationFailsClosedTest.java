package io.github.fakeims.server.attack;

import static io.github.fakeims.server.attack.AttackKit.b64;
import static io.github.fakeims.server.attack.AttackKit.describe;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input that makes the JSON or JOSE library throw something other than its checked exceptions (a
 * {@link StackOverflowError} from deep nesting; a {@code LinkageError} from an old nimbus-jose-jwt on the
 * class path) is a rejection: never a token, never an empty reply, on the exchange, on token validation
 * and on the admin API.
 */
class VerificationFailsClosedTest {

    private static FakeImsServer ims;
    private static Credential credential;

    @BeforeAll
    static void start() {
        ims = AttackKit.startServer();
        credential = AttackKit.register(ims, TestCredentials.credential());
    }

    @AfterAll
    static void stop() {
        ims.close();
    }

    /** A payload whose claim is nested 100,000 arrays deep, still under the 1 MiB body limit. */
    private static String deeplyNestedPayload() {
        Map<String, Object> claims = AttackKit.claims(ims, credential);
        String flat = AttackKit.json(claims);
        return flat.substring(0, flat.length() - 1) + ",\"deep\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    }

    @Test
    void aDeeplyNestedPayloadIsRejectedOnTheExchange() {
        String jwt = AttackKit.signRs256(AttackKit.RS256_HEADER, deeplyNestedPayload(), TestKeys.KEYS.getPrivate());

        HttpResponse<String> response = AttackKit.exchange(ims, credential, jwt);

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
        AttackKit.assertImsErrorShape(response);
    }

    @Test
    void aHeaderThatIsNotJsonIsRejectedOnTheExchange() {
        String jwt = AttackKit.signInput(b64("not json at all") + "." + b64(AttackKit.json(AttackKit.claims(ims, credential))),
                TestKeys.KEYS.getPrivate());

        HttpResponse<String> response = AttackKit.exchange(ims, credential, jwt);

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
        AttackKit.assertImsErrorShape(response);
    }

    @Test
    void aDeeplyNestedAccessTokenIsInvalidNotAnEmptyReply() {
        String token = b64("{\"alg\":\"RS256\",\"kid\":\"fake_ims-key-at-1\"}") + "."
                + b64("{\"id\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}") + "." + b64("x");
        String body = "type=access_token&client_id=" + ImsHttp.encode(credential.clientId()) + "&token=" + token;

        HttpResponse<String> validation = AttackKit.post(ims.baseUrl().resolve("/ims/validate_token/v1"),
                "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> profile = AttackKit.http("GET", URI.create(ims.baseUrl() + "/ims/profile/v1"),
                Map.of("Authorization", "Bearer " + token), new byte[0], Duration.ofSeconds(5));

        assertThat(validation.statusCode()).as(describe(validation)).isEqualTo(200);
        assertThat(ImsHttp.json(validation)).containsEntry("valid", false);
        assertThat(profile.statusCode()).as(describe(profile)).isEqualTo(401);
    }

    @Test
    void theAdminApisDryRunAnswersInvalidNotAnEmptyReply() {
        String jwt = AttackKit.signRs256(AttackKit.RS256_HEADER, deeplyNestedPayload(), TestKeys.KEYS.getPrivate());
        String body = "{\"clientId\":\"" + credential.clientId() + "\",\"jwt\":\"" + jwt + "\"}";

        HttpResponse<String> response = AttackKit.http("POST", URI.create(ims.baseUrl() + "/fake-ims/verify-jwt"),
                Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(10));

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
        assertThat(response.body()).contains("\"accepted\":false");
    }
}
