package io.github.fakeims.server.attack;

import static io.github.fakeims.server.attack.AttackKit.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.internal.config.ConfigJson;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Developer Console only issues 2048-bit RSA keys with the usual exponent: a certificate with a
 * smaller key or a tiny exponent is refused when registered (400 naming the field), over every route.
 */
class WeakKeysAreRefusedTest {

    @AutoClose
    private static final FakeImsServer ims = AttackKit.startServer();

    static Stream<Arguments> weakKeys() throws Exception {
        return Stream.of(
                Arguments.of("512-bit RSA", rsa(512, RSAKeyGenParameterSpec.F4), "512"),
                Arguments.of("1024-bit RSA", rsa(1024, RSAKeyGenParameterSpec.F4), "1024"),
                Arguments.of("2048-bit RSA with e=3", rsa(2048, RSAKeyGenParameterSpec.F0), "exponent"));
    }

    private static KeyPair rsa(int bits, BigInteger exponent) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(new RSAKeyGenParameterSpec(bits, exponent));
        return generator.generateKeyPair();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weakKeys")
    void aCertificateWithAWeakKeyIsRefusedAtRegistration(String description, KeyPair keys, String named) {
        String pem = X509CertUtils.toPEMString(TestKeys.certificate(keys));
        Map<String, Object> json = ConfigJson.toJson(TestCredentials.credential());
        json.put("certificates", List.of(pem));
        ims.reset();
        Credential strong = TestCredentials.credential();
        ims.register(strong);

        HttpResponse<String> registered = post("/fake-ims/credentials", JSONObjectUtils.toJSONString(json));
        HttpResponse<String> added = post("/fake-ims/credentials/" + strong.clientId() + "/certificates", pem);

        for (HttpResponse<String> response : List.of(registered, added)) {
            assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
            assertThat(response.body()).as(describe(response)).contains("certificate").contains(named).contains("2048");
        }
        assertThat(ims.credential(strong.clientId())).hasValue(strong);
        assertThat(ims.credentials()).hasSize(1);
    }

    private static HttpResponse<String> post(String path, String body) {
        return AttackKit.http("POST", URI.create(ims.baseUrl() + path), Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
    }
}
