package io.github.fakeims.server.attack;

import static io.github.fakeims.server.attack.AttackKit.describe;
import static io.github.fakeims.server.attack.AttackKit.register;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The key that signs access tokens ships in the jar, so anyone can re-sign an edited token. The fake's
 * tag covers the whole header and payload: any edit, of any claim or header parameter, is
 * {@code valid:false} and 401, and nothing injected is echoed back.
 */
class ReSignedAccessTokensAreRefusedTest {

    private static FakeImsServer ims;
    private static Credential credential;
    private static String issued;
    private static RSAKey shippedKey;

    @BeforeAll
    static void start() throws Exception {
        ims = AttackKit.startServer();
        credential = register(ims, TestCredentials.credential());
        issued = token(ims, credential);
        try (InputStream in = AccessTokens.class.getResourceAsStream("access-token-signing-key.jwk.json")) {
            shippedKey = RSAKey.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() {
        ims.close();
    }

    private static String token(FakeImsServer server, Credential credential) {
        return (String) ImsHttp.json(AttackKit.exchange(server, credential, AttackKit.validJwt(server, credential)))
                .get("access_token");
    }

    static Stream<Arguments> claimEdits() {
        return Stream.of(
                Arguments.of("as changed", (Consumer<Map<String, Object>>) c -> c.put("as", "ims-eu1")),
                Arguments.of("ctp changed", (Consumer<Map<String, Object>>) c -> c.put("ctp", 7L)), // neither 0 (JWT era) nor 3 (S2S)
                Arguments.of("exp:1 added", (Consumer<Map<String, Object>>) c -> c.put("exp", 1L)),
                Arguments.of("admin:true added", (Consumer<Map<String, Object>>) c -> c.put("admin", true)),
                Arguments.of("email added", (Consumer<Map<String, Object>>) c -> c.put("email", "ceo@example.com")),
                Arguments.of("a claim removed", (Consumer<Map<String, Object>>) c -> c.remove("as")),
                Arguments.of("nothing changed but re-signed", (Consumer<Map<String, Object>>) c -> { }));
    }

    @ParameterizedTest(name = "claims: {0}")
    @MethodSource("claimEdits")
    void aReSignedTokenWithEditedClaimsIsRefused(String description, Consumer<Map<String, Object>> edit) throws Exception {
        SignedJWT original = SignedJWT.parse(issued);
        Map<String, Object> claims = new LinkedHashMap<>(original.getPayload().toJSONObject());
        edit.accept(claims);
        String forged = resign(original.getHeader(), JSONObjectUtils.toJSONString(claims));
        if (description.startsWith("nothing")) {
            // the same header and payload bytes: the same token, it is still valid
            assertThat(validate(forged)).isTrue();
            return;
        }
        assertRefused(forged);
    }

    static Stream<Arguments> headerEdits() {
        return Stream.of(
                Arguments.of("kid changed", new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").x509CertURL(
                        URI.create(AccessTokens.KEY_ID + ".cer")).customParam("itt", "at").build()),
                Arguments.of("x5u changed", new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(AccessTokens.KEY_ID)
                        .x509CertURL(URI.create("https://attacker.example/key.cer")).customParam("itt", "at").build()),
                Arguments.of("a header parameter added", new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(AccessTokens.KEY_ID)
                        .x509CertURL(URI.create(AccessTokens.KEY_ID + ".cer")).customParam("itt", "at")
                        .customParam("admin", true).build()));
    }

    @ParameterizedTest(name = "header: {0}")
    @MethodSource("headerEdits")
    void aReSignedTokenWithAnEditedHeaderIsRefused(String description, JWSHeader header) throws Exception {
        SignedJWT original = SignedJWT.parse(issued);
        assertRefused(resign(header, original.getPayload().toString()));
    }

    @Test
    void whitespaceAddedToThePayloadIsAnEditToo() throws Exception {
        SignedJWT original = SignedJWT.parse(issued);
        assertRefused(resign(original.getHeader(), " " + original.getPayload().toString()));
    }

    @Test
    void replicasWithTheSameTokenSecretAcceptEachOthersTokensAndOthersDoNot() {
        FakeImsConfig.Builder shared = FakeImsConfig.builder().clock(AttackKit.CLOCK).tokenSecret("shared replica secret");
        try (FakeImsServer first = FakeImsServer.start(shared.build());
             FakeImsServer second = FakeImsServer.start(shared.build());
             FakeImsServer other = FakeImsServer.start(FakeImsConfig.builder().clock(AttackKit.CLOCK)
                     .tokenSecret("another secret").build());
             FakeImsServer unconfigured = AttackKit.startServer()) {
            for (FakeImsServer server : new FakeImsServer[] {first, second, other, unconfigured}) {
                server.register(credential);
            }
            String token = token(first, credential);

            assertThat(validate(second, token)).isTrue();
            assertThat(validate(first, token)).isTrue();
            assertThat(validate(other, token)).isFalse();
            assertThat(validate(unconfigured, token)).isFalse();
            assertThat(validate(first, token(second, credential))).isTrue();
        }
    }

    private static void assertRefused(String forged) {
        assertThat(validate(forged)).as("valid for %s", forged).isFalse();
        HttpResponse<String> profile = AttackKit.http("GET", URI.create(ims.baseUrl() + "/ims/profile/v1"),
                Map.of("Authorization", "Bearer " + forged), new byte[0], Duration.ofSeconds(5));
        assertThat(profile.statusCode()).as(describe(profile)).isEqualTo(401);
        assertThat(profile.body()).doesNotContain("ceo@example.com").doesNotContain("\"admin\"");
    }

    private static boolean validate(String token) {
        return validate(ims, token);
    }

    private static boolean validate(FakeImsServer server, String token) {
        String body = "type=access_token&client_id=" + ImsHttp.encode(credential.clientId()) + "&token=" + token;
        HttpResponse<String> response = AttackKit.post(server.baseUrl().resolve("/ims/validate_token/v1"),
                "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
        return (Boolean) ImsHttp.json(response).get("valid");
    }

    private static String resign(JWSHeader header, String payloadJson) throws Exception {
        JWSObject jws = new JWSObject(header, new Payload(payloadJson));
        jws.sign(new RSASSASigner(shippedKey));
        return jws.serialize();
    }
}
