package io.github.fakeims.server.attack;

import static io.github.fakeims.server.attack.AttackKit.describe;
import static io.github.fakeims.server.attack.AttackKit.register;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.internal.token.AccessTokens;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Access tokens re-signed with the key that signs them, which ships in the fake's jar (so anyone has it),
 * keeping the id of a token this fake really issued (so the per-instance tag still matches) but with
 * claims the fake never wrote. Validation and the Bearer endpoints must answer {@code valid:false} / 401
 * for them, never 500.
 */
class ForgedAccessTokensNeverCauseServerErrorsTest {

    @AutoClose
    private static FakeImsServer ims;
    private static Credential credential;
    private static Map<String, Object> issuedClaims;
    private static RSAKey shippedKey;

    @BeforeAll
    static void start() throws Exception {
        ims = AttackKit.startServer();
        credential = register(ims, TestCredentials.credential());
        String issued = (String) ImsHttp.json(AttackKit.exchange(ims, credential, AttackKit.validJwt(ims, credential)))
                .get("access_token");
        issuedClaims = SignedJWT.parse(issued).getPayload().toJSONObject();
        try (InputStream in = AccessTokens.class.getResourceAsStream("access-token-signing-key.jwk.json")) {
            shippedKey = RSAKey.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                Arguments.of("created_at not a number", (Consumer<Map<String, Object>>) c -> c.put("created_at", "yesterday")),
                Arguments.of("created_at missing", (Consumer<Map<String, Object>>) c -> c.remove("created_at")),
                Arguments.of("created_at a JSON number", (Consumer<Map<String, Object>>) c -> c.put("created_at", 1L)),
                Arguments.of("expires_in Long.MAX_VALUE", (Consumer<Map<String, Object>>) c -> c.put("expires_in",
                        Long.toString(Long.MAX_VALUE))),
                Arguments.of("expires_in missing", (Consumer<Map<String, Object>>) c -> c.remove("expires_in")),
                Arguments.of("client_id missing", (Consumer<Map<String, Object>>) c -> c.remove("client_id")),
                Arguments.of("client_id a number", (Consumer<Map<String, Object>>) c -> c.put("client_id", 7L)),
                Arguments.of("org without @", (Consumer<Map<String, Object>>) c -> c.put("org", "no-at-sign")),
                Arguments.of("org missing", (Consumer<Map<String, Object>>) c -> c.remove("org")));
    }

    @ParameterizedTest(name = "validate: {0}")
    @MethodSource("forgeries")
    void validationAnswersValidFalseOrTrueButNeverAServerError(String description, Consumer<Map<String, Object>> change)
            throws Exception {
        String forged = forge(change);
        String body = "type=access_token&client_id=" + ImsHttp.encode(credential.clientId()) + "&token=" + forged;

        HttpResponse<String> response = AttackKit.post(ims.baseUrl().resolve("/ims/validate_token/v1"),
                "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
        assertThat(ImsHttp.json(response).get("valid")).as(describe(response)).isInstanceOf(Boolean.class);
    }

    /** The organizations endpoint reads the token like validation does, and then cuts {@code org} at its '@'. */
    @ParameterizedTest(name = "GET /ims/organizations/v5: {0}")
    @MethodSource("forgeries")
    void theOrganizationsEndpointAnswers401NeverAServerError(String description, Consumer<Map<String, Object>> change)
            throws Exception {
        HttpResponse<String> response = AttackKit.http("GET", URI.create(ims.baseUrl() + "/ims/organizations/v5"),
                Map.of("Authorization", "Bearer " + forge(change)), new byte[0], Duration.ofSeconds(5));

        AttackKit.assertNoServerError(response);
    }

    private static String forge(Consumer<Map<String, Object>> change) throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>(issuedClaims);
        change.accept(claims);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(AccessTokens.KEY_ID).customParam("itt", "at").build();
        SignedJWT jwt = new SignedJWT(header, JWTClaimsSet.parse(claims));
        jwt.sign(new RSASSASigner(shippedKey));
        return jwt.serialize();
    }
}
