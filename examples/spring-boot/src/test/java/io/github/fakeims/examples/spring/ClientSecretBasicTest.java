package io.github.fakeims.examples.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.fakeims.junit.FakeImsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.Grant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What Spring's default client authentication puts on the wire, seen by a WireMock proxy between the
 * service and the fake (the fake's journal folds a Basic header's client into the parameters, so it
 * cannot tell): {@code client_secret_basic}, the client id and secret in {@code Authorization: Basic},
 * each form-encoded first (RFC 6749 §2.3.1), nothing of them in the body, and the fake accepts it.
 */
@SpringBootTest
class ClientSecretBasicTest {

    static final FakeImsServer ims = FakeImsServer.start(FakeImsConfig.builder().build());
    /** A secret with characters that form-encoding changes, so the header below shows Spring encodes them. */
    static final Credential credential = Credential.builder().clientId("spring-basic-client").clientSecret("p8e-basic+secret/with=specials")
            .orgId("0A1B2C3D4E5F6071@AdobeOrg").technicalAccountId("F0E1D2C3B4A59687@techacct.adobe.com")
            .grants(Grant.CLIENT_CREDENTIALS).scopes("openid", "AdobeID", "read_organizations").build();

    static {
        ims.register(credential);
    }

    @RegisterExtension
    static WireMockExtension imsProxy = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void imsThroughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.registration.ims.client-id", credential::clientId);
        registry.add("spring.security.oauth2.client.registration.ims.client-secret", credential::clientSecret);
        registry.add("spring.security.oauth2.client.provider.ims.token-uri", () -> imsProxy.baseUrl() + "/ims/token/v3");
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> ims.baseUrl().resolve("/ims/keys").toString());
    }

    @AfterAll
    static void stopIms() {
        ims.close();
    }

    @Autowired
    OAuth2AuthorizedClientManager clients;

    @Test
    void springSendsTheClientInABasicHeaderAndTheFakeIssuesTheToken() {
        imsProxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(ims.baseUrl().toString())));

        OAuth2AuthorizedClient authorized = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(AnalyticsClient.REGISTRATION)
                .principal("client-secret-basic-test").build());

        assertThat(authorized).isNotNull();
        assertThat(ims.issuedTokens().find(authorized.getAccessToken().getTokenValue()))
                .hasValueSatisfying(token -> assertThat(token.clientId()).isEqualTo(credential.clientId()));
        imsProxy.verify(1, postRequestedFor(urlPathEqualTo("/ims/token/v3"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString(
                        (form(credential.clientId()) + ":" + form(credential.clientSecret())).getBytes(StandardCharsets.UTF_8))))
                .withRequestBody(notContaining("client_secret"))
                .withRequestBody(notContaining("client_id")));
        assertThat(ims.journal()).tokenRequests().hasSize(1).allSucceeded();
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
