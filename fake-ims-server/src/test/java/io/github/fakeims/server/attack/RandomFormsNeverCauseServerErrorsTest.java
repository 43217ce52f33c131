package io.github.fakeims.server.attack;

import static io.github.fakeims.server.attack.AttackKit.assertNoServerError;
import static io.github.fakeims.server.attack.AttackKit.describe;
import static io.github.fakeims.server.attack.AttackKit.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Family 4c: random parameter maps, sent in every encoding the fake accepts, to the form endpoints
 * ({@code /ims/exchange/jwt}, {@code /ims/token/v3}, {@code /ims/validate_token/v1}, and invalidate and
 * revoke). Whatever they hold, the answer is an IMS answer: below 500, a JSON error for a 4xx,
 * {@code valid} true or false for a validation, and never a dropped connection.
 */
class RandomFormsNeverCauseServerErrorsTest {

    private static FakeImsServer ims;
    private static Map<String, List<String>> known;

    @BeforeContainer
    static void start() {
        ims = AttackKit.startServer();
        Credential both = register(ims, TestCredentials.credential());
        Credential oauthOnly = register(ims, TestCredentials.credential(TestKeys.KEYS).grants(Grant.CLIENT_CREDENTIALS).build());
        Credential jtiRequired = register(ims, TestCredentials.credential(TestKeys.KEYS).jtiRequired(true).build());
        String jwt = AttackKit.validJwt(ims, both);
        String accessToken = (String) ImsHttp.json(AttackKit.exchange(ims, both, jwt)).get("access_token");
        known = Map.of(
                "client_id", List.of(both.clientId(), oauthOnly.clientId(), jtiRequired.clientId()),
                "client_secret", List.of(both.clientSecret(), oauthOnly.clientSecret(), jtiRequired.clientSecret()),
                "jwt_token", List.of(jwt, AttackKit.validJwt(ims, jtiRequired), jwt.substring(0, jwt.length() - 3)),
                "token", List.of(accessToken, accessToken.substring(0, accessToken.length() - 2)));
    }

    @AfterContainer
    static void stop() {
        ims.close();
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    void randomFormsGetAnImsAnswerNeverAServerError(@ForAll("requests") RandomForms.Request request) {
        HttpResponse<String> response;
        try {
            response = request.send(ims.baseUrl(), Duration.ofSeconds(5));
        } catch (UncheckedIOException e) {
            throw new AssertionError("no HTTP answer to " + request + "\n  " + e.getMessage(), e);
        }
        String sample = request + "\n  -> " + describe(response);

        assertThat(response.statusCode()).as(sample).isLessThan(500);
        assertNoServerError(response);
        if (request.path().startsWith("/ims/validate_token") && response.statusCode() == 200) {
            assertThat(ImsHttp.json(response).get("valid")).as(sample).isInstanceOf(Boolean.class);
        }
    }

    @Provide
    Arbitrary<RandomForms.Request> requests() {
        return RandomForms.requests(known);
    }
}
