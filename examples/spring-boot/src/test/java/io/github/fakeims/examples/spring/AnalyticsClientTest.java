package io.github.fakeims.examples.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.fakeims.junit.FakeImsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.fakeims.junit.AccessTokenMatcher;
import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service as an IMS client: Spring's client_credentials registration gets a token from the fake; Analytics (WireMock) accepts only such tokens. */
// tag::spring-client[]
@SpringBootTest
class AnalyticsClientTest {

    static final FakeImsServer ims = FakeImsServer.start(FakeImsConfig.builder().build());
    static final DeveloperCredential credential = DeveloperCredential.builder()
            .grants(Grant.CLIENT_CREDENTIALS).scopes("openid", "AdobeID", "read_organizations").registerOn(ims);

    @RegisterExtension
    static WireMockExtension analytics = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void imsAndAnalytics(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.registration.ims.client-id", credential::clientId);
        registry.add("spring.security.oauth2.client.registration.ims.client-secret", credential::clientSecret);
        registry.add("spring.security.oauth2.client.provider.ims.token-uri", () -> ims.baseUrl().resolve("/ims/token/v3").toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> ims.baseUrl().resolve("/ims/keys").toString());
        registry.add("adobe.analytics.url", analytics::baseUrl);
    }
    // end::spring-client[]

    @AfterAll
    static void stopIms() {
        ims.close();
    }

    @Autowired
    AnalyticsClient client;

    @Autowired
    OAuth2AuthorizedClientService authorizedClients;

    @BeforeEach
    void stubAnalyticsAndForgetTheCachedToken() {
        // The interceptor caches the service's token under the anonymous principal, for the context's lifetime.
        authorizedClients.removeAuthorizedClient(AnalyticsClient.REGISTRATION, "anonymousUser");
        ims.journal().clear();
        analytics.stubFor(get(urlPathEqualTo("/api/acme/reportsuites/collections/suites"))
                .withHeader("x-api-key", equalTo(credential.clientId()))
                .andMatching(AccessTokenMatcher.issuedBy(ims.baseUrl()).forClient(credential.clientId()).withScope("AdobeID"))
                .willReturn(okJson("[{\"rsid\":\"acme.prod\"}]")));
        analytics.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(jsonResponse("{\"error_code\":\"401013\",\"message\":\"Oauth token is not valid\"}", 401)));
    }

    @Test
    void callsAnalyticsWithATokenFromIms() {
        assertThat(client.reportSuites("acme")).contains("acme.prod");

        JournalEntry tokenRequest = ims.journal().entries(JournalFilter.of(ImsEndpoint.TOKEN)).get(0);
        assertThat(tokenRequest.clientId()).contains(credential.clientId());
        // The journal folds a Basic header's client into the parameters; ClientSecretBasicTest sees the header itself.
        assertThat(tokenRequest.parameters()).containsEntry("grant_type", "client_credentials");
        assertThat(ims.journal()).tokenRequests().hasSize(1).allSucceeded();
    }

    @Test
    void asksImsOnceAndReusesTheTokenUntilItExpires() {
        client.reportSuites("acme");
        client.reportSuites("acme");
        client.reportSuites("acme");

        assertThat(ims.journal()).tokenRequests().hasSize(1).allSucceeded();
        analytics.verify(3, getRequestedFor(urlPathEqualTo("/api/acme/reportsuites/collections/suites")));
    }
}
