package io.github.fakeims.server.attack;

import static io.github.fakeims.server.attack.AttackKit.b64;
import static io.github.fakeims.server.attack.AttackKit.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.internal.config.ConfigJson;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The smaller holes, each over real HTTP (the config file's one through its parser). */
class SmallerHolesAreClosedTest {

    @AutoClose
    private static final FakeImsServer ims = AttackKit.startServer();
    private static Credential credential;

    @BeforeEach
    void reset() {
        ims.reset();
        credential = AttackKit.register(ims, TestCredentials.credential());
    }

    private static HttpResponse<String> admin(String method, String path, String body) {
        return AttackKit.http(method, URI.create(ims.baseUrl() + path), Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
    }

    @Test
    void aClockFixedAtTheFarFutureMakesTokenRequestsA4xxNotA500() {
        assertThat(admin("POST", "/fake-ims/clock/fix", "{\"instant\":\"+292278995-01-01T00:00:00Z\"}").statusCode()).isEqualTo(200);

        HttpResponse<String> token = ImsHttp.postForm(ims.baseUrl().resolve("/ims/token/v3"), Map.of("grant_type",
                "client_credentials", "client_id", credential.clientId(), "client_secret", credential.clientSecret(), "scope", "openid"));

        assertThat(token.statusCode()).as(describe(token)).isEqualTo(400);
        AttackKit.assertImsErrorShape(token);
        assertThat(AttackKit.reason(token)).contains("clock");
    }

    @Test
    void aBlankAdminTokenInAConfigFileIsRefused() {
        assertThatThrownBy(() -> FakeImsConfig.fromJson("{\"adminToken\":\"   \"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adminToken");
        assertThatThrownBy(() -> FakeImsConfig.builder().adminToken(" \t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adminToken");
        assertThat(FakeImsConfig.fromJson("{\"adminToken\":null}").adminToken()).isEmpty();
    }

    @ParameterizedTest(name = "clientId {0}")
    @ValueSource(strings = {"1MB", "a/b", "a b", "caf\u00e9", "a?b"})
    void aClientIdThatCouldNeverBeAddressedIsRefused(String clientId) {
        Map<String, Object> json = ConfigJson.toJson(TestCredentials.credential());
        json.put("clientId", clientId.equals("1MB") ? "c".repeat(1_000_000) : clientId);

        HttpResponse<String> response = admin("POST", "/fake-ims/credentials", JSONObjectUtils.toJSONString(json));

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
        assertThat(response.body()).contains("clientId");
        assertThat(ims.credentials()).containsExactly(credential);
    }

    @Test
    void aPemBodyWithTwoCertificatesIsRefusedNotHalfTaken() {
        String two = X509CertUtils.toPEMString(TestKeys.certificate(TestKeys.OTHER_KEYS)) + "\n"
                + X509CertUtils.toPEMString(TestKeys.certificate(TestKeys.OTHER_KEYS));

        HttpResponse<String> added = admin("POST", "/fake-ims/credentials/" + credential.clientId() + "/certificates", two);
        Map<String, Object> json = ConfigJson.toJson(TestCredentials.credential());
        json.put("certificates", List.of(two));
        HttpResponse<String> registered = admin("POST", "/fake-ims/credentials", JSONObjectUtils.toJSONString(json));

        for (HttpResponse<String> response : List.of(added, registered)) {
            assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
            assertThat(response.body()).contains("2 certificates");
        }
        assertThat(ims.credentials()).containsExactly(credential);
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"127.0.0.1:%d\"><script>", "127.0.0.1:%d/evil", "127.0.0.1:%d@evil.example", "127.0.0.1:x%d"})
    void aHostHeaderThatIsNotHostAndPortIsRefusedNotEchoed(String host) {
        HttpResponse<String> response = AttackKit.http("GET", ims.baseUrl().resolve("/ims/.well-known/openid-configuration"),
                Map.of("Host", String.format(host, ims.port())), new byte[0], Duration.ofSeconds(5));

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
        assertThat(response.body()).doesNotContain("<script").doesNotContain("evil");
    }

    @Test
    void aParameterNameWithAControlCharacterIsAnotherParameter() {
        String body = "grant_type=client_credentials&client_id=" + ImsHttp.encode(credential.clientId())
                + "&client_secret%00=" + ImsHttp.encode(credential.clientSecret()) + "&scope=openid";

        HttpResponse<String> response = AttackKit.post(ims.baseUrl().resolve("/ims/token/v3"), "application/x-www-form-urlencoded",
                body.getBytes(StandardCharsets.US_ASCII));

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
        assertThat(AttackKit.reason(response)).contains("client_secret");
    }

    @Test
    void anEmptyCritIsRejected() {
        String jwt = AttackKit.signRs256("{\"alg\":\"RS256\",\"crit\":[]}", AttackKit.json(AttackKit.claims(ims, credential)),
                TestKeys.KEYS.getPrivate());

        HttpResponse<String> response = AttackKit.exchange(ims, credential, jwt);

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
        assertThat(AttackKit.reason(response)).contains("crit");
    }

    @ParameterizedTest(name = "BOM before the {0}")
    @ValueSource(strings = {"header", "payload"})
    void aByteOrderMarkBeforeTheJsonIsRejected(String where) {
        String header = (where.equals("header") ? "\uFEFF" : "") + AttackKit.RS256_HEADER;
        String payload = (where.equals("payload") ? "\uFEFF" : "") + AttackKit.json(AttackKit.claims(ims, credential));

        HttpResponse<String> response = AttackKit.exchange(ims, credential,
                AttackKit.signInput(b64(header) + "." + b64(payload), TestKeys.KEYS.getPrivate()));

        assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
        assertThat(AttackKit.reason(response)).contains("byte order mark");
    }

    /** docs/reliability.md says which answers come from the JDK's HTTP layer itself; this keeps that true. */
    @Test
    void aTransferEncodingOtherThanChunkedIsAnsweredByTheJdkLayerAsDocumented() {
        AttackKit.RawResponse response = AttackKit.raw(ims, AttackKit.ascii("POST /ims/token/v3 HTTP/1.1\r\nHost: 127.0.0.1:" + ims.port()
                + "\r\nTransfer-Encoding: chunked, identity\r\nConnection: close\r\n\r\n0\r\n\r\n"), Duration.ofSeconds(5));
        AttackKit.RawResponse garbage = AttackKit.raw(ims, AttackKit.ascii("NOT-HTTP\r\n\r\n"), Duration.ofSeconds(5));

        assertThat(response.status()).as("%s", response).isEqualTo(501);
        assertThat(garbage.status()).as("%s", garbage).isEqualTo(400);
    }
}
