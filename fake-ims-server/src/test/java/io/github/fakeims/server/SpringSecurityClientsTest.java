package io.github.fakeims.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Spring Security, unmodified, against the fake: its OAuth2 client gets OAuth Server-to-Server tokens
 * with {@code client_secret_basic} (its default, and the discovery document's first method) and
 * {@code client_secret_post}, and its {@link NimbusJwtDecoder} verifies them with {@code /ims/keys}.
 */
class SpringSecurityClientsTest {

    private static FakeImsServer ims;
    private static Credential credential;

    @BeforeAll
    static void start() {
        credential = TestCredentials.credential();
        ims = FakeImsServer.start(FakeImsConfig.builder().credential(credential).build());
    }

    @AfterAll
    static void stop() {
        ims.close();
    }

    private static ClientRegistration registration(ClientAuthenticationMethod method, String secret) {
        return ClientRegistration.withRegistrationId("adobe")
                .clientId(credential.clientId())
                .clientSecret(secret)
                .clientAuthenticationMethod(method)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("openid", "AdobeID")
                .tokenUri(ims.baseUrl() + "/ims/token/v3")
                .build();
    }

    private static OAuth2AccessTokenResponse token(ClientAuthenticationMethod method, String secret) {
        return new RestClientClientCredentialsTokenResponseClient()
                .getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration(method, secret)));
    }

    @ParameterizedTest
    @EnumSource(names = {"CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST"})
    void theOAuth2ClientGetsATokenWithEitherClientAuthenticationMethod(Method method) {
        OAuth2AccessTokenResponse response = token(method.spring, credential.clientSecret());

        assertThat(response.getAccessToken().getTokenType().getValue()).isEqualToIgnoringCase("bearer");
        assertThat(ims.issuedTokens().find(response.getAccessToken().getTokenValue()).orElseThrow().isValid()).isTrue();
        assertThat(response.getAccessToken().getExpiresAt()).isAfter(Instant.now().plusSeconds(86_000));
        assertThat(ims.journal().entries()).last().satisfies(entry -> {
            assertThat(entry.clientId()).hasValue(credential.clientId());
            assertThat(entry.parameters()).containsEntry("scope", "openid AdobeID");
        });
    }

    @Test
    void theOAuth2ClientSeesImsInvalidClientForAWrongSecret() {
        assertThatThrownBy(() -> token(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, "p8e-wrong"))
                .isInstanceOfSatisfying(OAuth2AuthorizationException.class, e -> {
                    assertThat(e.getError().getErrorCode()).isEqualTo("invalid_client");
                    assertThat(e.getError().getDescription()).isEqualTo("invalid client_secret parameter");
                });
    }

    @Test
    void nimbusJwtDecoderVerifiesAnAccessTokenWithImsKeys() {
        String accessToken = token(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, credential.clientSecret())
                .getAccessToken().getTokenValue();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(ims.baseUrl() + "/ims/keys").build();

        Jwt jwt = decoder.decode(accessToken);

        assertThat(jwt.getHeaders()).containsEntry("kid", "fake_ims-key-at-1");
        assertThat(jwt.getClaimAsString("client_id")).isEqualTo(credential.clientId());
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("openid,AdobeID");
        assertThat(jwt.getExpiresAt()).as("IMS access tokens carry no exp").isNull();
    }

    @Test
    void nimbusJwtDecoderRefusesATokenSignedByAnotherKey() {
        String accessToken = token(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, credential.clientSecret())
                .getAccessToken().getTokenValue();
        String forged = ServiceAccountJwt.forCredential(credential, ims.baseUrl()).serialize(); // signed by the credential's key
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(ims.baseUrl() + "/ims/keys").build();

        assertThat(decoder.decode(accessToken).getSubject()).isNull();
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
    }

    enum Method {
        CLIENT_SECRET_BASIC(ClientAuthenticationMethod.CLIENT_SECRET_BASIC),
        CLIENT_SECRET_POST(ClientAuthenticationMethod.CLIENT_SECRET_POST);

        final ClientAuthenticationMethod spring;

        Method(ClientAuthenticationMethod spring) {
            this.spring = spring;
        }
    }
}
