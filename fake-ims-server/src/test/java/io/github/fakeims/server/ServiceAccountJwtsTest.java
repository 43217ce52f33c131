package io.github.fakeims.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class ServiceAccountJwtsTest {

    private final Credential credential = TestCredentials.credential();

    @AutoClose
    private final FakeImsServer ims = FakeImsServer.start(FakeImsConfig.builder().credential(credential).build());

    @Test
    void aConsoleStyleJwtCarriesTheConsolesClaimsAndEveryMetascope() throws Exception {
        Instant expiresAt = Instant.parse("2031-05-06T07:08:09Z");
        SignedJWT jwt = SignedJWT.parse(ServiceAccountJwts.consoleStyle(credential, URI.create("https://ims.example/"),
                TestKeys.KEYS.getPrivate(), expiresAt));

        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        Map<String, Object> claims = jwt.getJWTClaimsSet().toJSONObject();
        assertThat(claims).containsOnlyKeys("iss", "sub", "aud", "exp",
                        "https://ims.example/s/" + TestCredentials.METASCOPE, "https://ims.example/s/ent_user_sdk")
                .containsEntry("iss", credential.orgId())
                .containsEntry("sub", credential.technicalAccountId())
                .containsEntry("aud", "https://ims.example/c/" + credential.clientId())
                .containsEntry("exp", expiresAt.getEpochSecond())
                .containsEntry("https://ims.example/s/ent_user_sdk", true);
    }

    @Test
    void theFakeAcceptsAConsoleStyleJwtForItsBaseUrlAndRefusesAnExpiredOne() {
        Instant now = ims.clock().now();
        String fresh = ServiceAccountJwts.consoleStyle(credential, ims.baseUrl(), TestKeys.KEYS.getPrivate(), now.plus(Duration.ofHours(24)));
        String expired = ServiceAccountJwts.consoleStyle(credential, ims.baseUrl(), TestKeys.KEYS.getPrivate(), now.minus(Duration.ofHours(1)));

        assertThat(ims.verifyServiceAccountJwt(fresh, credential.clientId()).accepted()).isTrue();
        JwtVerification refused = ims.verifyServiceAccountJwt(expired, credential.clientId());
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.reason()).contains("exp");
    }
}
