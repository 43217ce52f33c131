package io.github.fakeims.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.aio.ims.ImsService;
import com.adobe.aio.ims.util.PrivateKeyBuilder;
import com.adobe.aio.workspace.Workspace;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.fakeims.junit.AccessTokenMatcher;
import io.github.fakeims.junit.AdobeImsTest;
import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.server.FakeImsServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// tag::end-to-end[]
/** The application end to end: a token from the fake IMS, an Analytics stub that accepts only such tokens. */
@AdobeImsTest(metascopes = "ent_analytics_bulk_ingest_sdk")
class ReportSuitesClientTest {

    @RegisterExtension
    static WireMockExtension analytics = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @BeforeEach
    void stubAnalytics(FakeImsServer fake) {
        analytics.stubFor(get(urlPathEqualTo("/api/acme/reportsuites/collections/suites"))
                .withHeader("x-proxy-global-company-id", equalTo("acme"))
                .andMatching(AccessTokenMatcher.issuedBy(fake.baseUrl()).withMetascope("ent_analytics_bulk_ingest_sdk"))
                .willReturn(okJson("[{\"rsid\":\"acme.prod\"}]")));
        analytics.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(jsonResponse("{\"error_code\":\"401013\",\"message\":\"Oauth token is not valid\"}", 401)));
    }

    @Test
    void readsTheReportSuitesWithATokenFromIms(Workspace workspace) throws Exception {
        ReportSuitesClient client = new ReportSuitesClient(workspace, URI.create(analytics.baseUrl()));

        assertThat(client.reportSuites("acme")).contains("acme.prod");
    }
    // end::end-to-end[]

    @Test
    void aCredentialWithoutTheAnalyticsMetascopeIsRefusedByTheApi(FakeImsServer fake) {
        DeveloperCredential campaignOnly = DeveloperCredential.builder().metascopes("ent_campaign_sdk").registerOn(fake);
        Workspace workspace = Workspace.builder().configMap(campaignOnly.aioConfig())
                .privateKey(new PrivateKeyBuilder().encodedPkcs8Key(campaignOnly.encodedPkcs8()).build()).build();
        ReportSuitesClient client = new ReportSuitesClient(workspace, URI.create(analytics.baseUrl()));

        assertThatThrownBy(() -> client.reportSuites("acme")).isInstanceOf(IOException.class).hasMessageContaining("401");
    }

    @Test
    void aTokenFromAnotherImsIsRefusedByTheApi(DeveloperCredential credential) throws Exception {
        String foreignToken;
        try (FakeImsServer otherIms = FakeImsServer.start()) {
            otherIms.register(credential.registered());
            Workspace elsewhere = Workspace.builder().configMap(credential.aioConfig()).imsUrl(otherIms.baseUrl().toString())
                    .privateKey(credential.privateKey()).build();
            foreignToken = ImsService.builder().workspace(elsewhere).build().getJwtExchangeAccessToken().getAccessToken();
        }

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(analytics.baseUrl() + "/api/acme/reportsuites/collections/suites"))
                .header("Authorization", "Bearer " + foreignToken).header("x-proxy-global-company-id", "acme").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
