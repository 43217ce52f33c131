package io.github.fakeims.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The dry run behind the JWT assertions: every exchange rule, no HTTP, no token, no jti used up. */
class VerifyServiceAccountJwtTest {

    private final Credential credential = TestCredentials.credential(TestKeys.KEYS).jtiRequired(true).build();
    @AutoClose
    private final FakeImsServer ims = FakeImsServer.start(FakeImsConfig.builder().credential(credential).build());

    @Test
    void acceptsAValidJwtWithoutUsingUpItsJti() {
        String jwt = ServiceAccountJwt.forCredential(credential, ims.baseUrl())
                .claims(claims -> claims.jwtID(UUID.randomUUID().toString())).serialize();

        assertThat(ims.verifyServiceAccountJwt(jwt, credential.clientId()).accepted()).isTrue();
        assertThat(ims.verifyServiceAccountJwt(jwt, credential.clientId()).accepted()).isTrue();
        var exchange = ImsHttp.postForm(ims.baseUrl().resolve("/ims/exchange/jwt"), Map.of("client_id", credential.clientId(),
                "client_secret", credential.clientSecret(), "jwt_token", jwt));
        assertThat(exchange.statusCode()).isEqualTo(200);
    }

    @Test
    void reportsTheImsErrorAndThePreciseReasonOfARejection() {
        String jwt = ServiceAccountJwt.forCredential(credential, ims.baseUrl())
                .claims(claims -> claims.jwtID("j1").issuer("SOMEONE@AdobeOrg")).serialize();

        JwtVerification verification = ims.verifyServiceAccountJwt(jwt, credential.clientId());

        assertThat(verification.accepted()).isFalse();
        assertThat(verification.status()).isEqualTo(400);
        assertThat(verification.error()).isEqualTo("invalid_token");
        assertThat(verification.errorDescription()).isEqualTo("Could not match JWT signature to any of the bindings");
        assertThat(verification.reason()).contains("iss was SOMEONE@AdobeOrg", credential.orgId());
    }

    @Test
    void refusesAnUnknownClientAndAJwtAddressedToAnotherHost() {
        String jwt = ServiceAccountJwt.forCredential(credential, ims.baseUrl()).claims(claims -> claims.jwtID("j2")).serialize();
        String elsewhere = ServiceAccountJwt.forCredential(credential, FakeImsConfig.PRODUCTION_IMS)
                .claims(claims -> claims.jwtID("j3")).serialize();

        assertThat(ims.verifyServiceAccountJwt(jwt, "nobody").error()).isEqualTo("invalid_client");
        assertThat(ims.verifyServiceAccountJwt(elsewhere, credential.clientId()).reason())
                .contains("aud was " + FakeImsConfig.PRODUCTION_IMS + "/c/" + credential.clientId());
    }
}
