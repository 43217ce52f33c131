package io.github.fakeims.server.attack;

import static io.github.fakeims.server.attack.AttackKit.NOW;
import static io.github.fakeims.server.attack.AttackKit.assertIssued;
import static io.github.fakeims.server.attack.AttackKit.describe;
import static io.github.fakeims.server.attack.AttackKit.exchange;
import static io.github.fakeims.server.attack.AttackKit.exchangeUrl;
import static io.github.fakeims.server.attack.AttackKit.formBody;
import static io.github.fakeims.server.attack.AttackKit.params;
import static io.github.fakeims.server.attack.AttackKit.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Family 4d: a rejected request changes nothing the fake stores. After each random bad request the
 * registered credentials are the same objects, an access token issued before still validates, and a
 * valid exchange still succeeds; a JWT rejected for any reason never uses up its {@code jti}.
 */
class RejectedRequestsLeaveServerStateUnchangedTest {

    private static FakeImsServer ims;
    private static Credential plain;
    private static Credential jtiRequired;
    private static List<Credential> registered;
    /** Issued before the fuzzing starts; never offered to the generator, so nothing may legitimately revoke it. */
    private static String protectedToken;
    private static Map<String, List<String>> known;

    @BeforeContainer
    static void start() {
        ims = AttackKit.startServer();
        plain = register(ims, TestCredentials.credential());
        jtiRequired = register(ims, TestCredentials.credential(TestKeys.KEYS).jtiRequired(true).build());
        Credential oauthOnly = register(ims, TestCredentials.credential(TestKeys.KEYS).grants(Grant.CLIENT_CREDENTIALS).build());
        registered = ims.credentials();
        protectedToken = (String) ImsHttp.json(exchange(ims, plain, AttackKit.validJwt(ims, plain))).get("access_token");
        String otherToken = (String) ImsHttp.json(exchange(ims, plain, AttackKit.validJwt(ims, plain))).get("access_token");
        String jwt = AttackKit.validJwt(ims, plain);
        known = Map.of(
                "client_id", List.of(plain.clientId(), jtiRequired.clientId(), oauthOnly.clientId(), plain.clientId()),
                "client_secret", List.of(plain.clientSecret(), jtiRequired.clientSecret(), oauthOnly.clientSecret(), "p8e-wrong"),
                "jwt_token", List.of(jwt.substring(0, jwt.length() - 4) + "AAAA", jwt.replace('.', '_'),
                        AttackKit.validJwt(ims, oauthOnly)),
                "token", List.of(otherToken, protectedToken.substring(0, protectedToken.length() - 4) + "AAAA"));
    }

    @AfterContainer
    static void stop() {
        ims.close();
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void randomBadRequestsLeaveCredentialsAndIssuedTokensAlone(@ForAll("requests") RandomForms.Request request) {
        try {
            request.send(ims.baseUrl(), Duration.ofSeconds(5));
        } catch (UncheckedIOException e) {
            // a dropped connection is RandomFormsNeverCauseServerErrorsTest's finding; here only the state counts
        }

        assertThat(ims.credentials()).as("after %s", request).containsExactlyElementsOf(registered);
        HttpResponse<String> validation = validate(protectedToken, plain.clientId());
        assertThat(ImsHttp.json(validation)).as("after %s: %s", request, describe(validation)).containsEntry("valid", true);
        assertIssued(exchange(ims, plain, AttackKit.validJwt(ims, plain)));
    }

    @Provide
    Arbitrary<RandomForms.Request> requests() {
        return RandomForms.requests(known);
    }

    enum Doom { WRONG_SECRET, UNKNOWN_CLIENT, NOT_GRANTED_METASCOPE, EXPIRED, OTHER_KEY, OTHER_AUDIENCE, NBF_AHEAD, GET_METHOD,
        TEXT_PLAIN, MISSING_SECRET }

    /** A JWT with a fresh jti, first sent in a request doomed to fail, is accepted afterwards exactly once. */
    @Property(tries = 150, shrinking = ShrinkingMode.OFF)
    void aRejectedJwtNeverUsesUpItsJti(@ForAll("dooms") Doom doom) {
        String jti = "jti-" + UUID.randomUUID();
        Map<String, Object> claims = AttackKit.claims(ims, jtiRequired);
        claims.put("jti", jti);
        String valid = AttackKit.signed(claims);

        HttpResponse<String> rejected = doomed(doom, claims, valid);

        assertThat(rejected.statusCode()).as("%s: %s", doom, describe(rejected)).isBetween(400, 499);
        assertIssued(exchange(ims, jtiRequired, valid));
        HttpResponse<String> replay = exchange(ims, jtiRequired, valid);
        assertThat(ImsHttp.json(replay)).as(describe(replay)).containsEntry("error", "invalid_jti");
        assertThat(ims.credentials()).containsExactlyElementsOf(registered);
    }

    @Provide
    Arbitrary<Doom> dooms() {
        return Arbitraries.of(Doom.class);
    }

    private static HttpResponse<String> doomed(Doom doom, Map<String, Object> claims, String valid) {
        Map<String, String> params = params(jtiRequired, valid);
        switch (doom) {
            case WRONG_SECRET -> params.put("client_secret", "p8e-wrong");
            case UNKNOWN_CLIENT -> params.put("client_id", "client-unknown");
            case MISSING_SECRET -> params.remove("client_secret");
            case NOT_GRANTED_METASCOPE -> params.put("jwt_token", AttackKit.signed(with(claims, ims.baseUrl() + "/s/ent_campaign_sdk", true)));
            case EXPIRED -> params.put("jwt_token", AttackKit.signed(with(claims, "exp", NOW.getEpochSecond() - 3600)));
            case NBF_AHEAD -> params.put("jwt_token", AttackKit.signed(with(claims, "nbf", NOW.getEpochSecond() + 3600)));
            case OTHER_KEY -> params.put("jwt_token", AttackKit.signRs256(AttackKit.RS256_HEADER, AttackKit.json(claims),
                    TestKeys.OTHER_KEYS.getPrivate()));
            case OTHER_AUDIENCE -> params.put("jwt_token", AttackKit.signed(with(claims, "aud", ims.baseUrl() + "/c/" + plain.clientId())));
            case GET_METHOD -> {
                return AttackKit.http("GET", URI.create(exchangeUrl(ims) + "?" + formBody(params)), Map.of(), new byte[0],
                        Duration.ofSeconds(5));
            }
            case TEXT_PLAIN -> {
                return AttackKit.post(exchangeUrl(ims), "text/plain", formBody(params).getBytes(StandardCharsets.UTF_8));
            }
        }
        return AttackKit.post(exchangeUrl(ims), "application/x-www-form-urlencoded", formBody(params).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(claims);
        changed.put(name, value);
        return changed;
    }

    private static HttpResponse<String> validate(String token, String clientId) {
        String body = "type=access_token&client_id=" + ImsHttp.encode(clientId) + "&token=" + ImsHttp.encode(token);
        return AttackKit.post(ims.baseUrl().resolve("/ims/validate_token/v1"), "application/x-www-form-urlencoded",
                body.getBytes(StandardCharsets.UTF_8));
    }
}
