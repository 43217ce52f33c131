package io.github.fakeims.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.aio.workspace.Workspace;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.fakeims.junit.AccessTokenMatcher;
import io.github.fakeims.junit.AdobeImsTest;
import io.github.fakeims.junit.AuthType;
import io.github.fakeims.server.FakeImsServer;
import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// tag::migration[]
/** Migrating from JWT to OAuth Server-to-Server: the same test passes on both kinds of credential. */
class JwtToOAuthMigrationTest {

    @RegisterExtension
    static WireMockExtension analytics = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    abstract static class Contract {
        @Test
        void readsTheReportSuites(Workspace workspace, FakeImsServer fake) throws Exception {
            analytics.stubFor(get(urlPathEqualTo("/api/acme/reportsuites/collections/suites"))
                    .andMatching(AccessTokenMatcher.issuedBy(fake.baseUrl()).forClient(workspace.getApiKey()))
                    .willReturn(okJson("[{\"rsid\":\"acme.prod\"}]")));

            String suites = new ReportSuitesClient(workspace, URI.create(analytics.baseUrl())).reportSuites("acme");

            assertThat(suites).contains("acme.prod");
        }
    }

    @Nested
    @AdobeImsTest(auth = AuthType.SERVICE_ACCOUNT_JWT)
    class ServiceAccountJwtTest extends Contract {
    }

    @Nested
    @AdobeImsTest(auth = AuthType.OAUTH_SERVER_TO_SERVER)
    class OAuthServerToServerTest extends Contract {
    }
}
// end::migration[]
