package io.github.fakeims.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A fake shared by a class: what one test scripted or recorded does not leak into the next. */
class PerTestIsolationTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @ExtendWith(AdobeImsExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SharedFake {
        static String firstToken;

        @Test
        @Order(1)
        void scriptsAndRecords(FakeIms ims, DeveloperCredential credential) throws Exception {
            firstToken = token(ims, credential).body();
            ims.faults().add(Fault.status(503).on(ImsEndpoint.TOKEN).times(5));
            ims.clock().fixAt(Instant.parse("2030-01-01T00:00:00Z"));
            SEEN.add("first: journal " + ims.journal().entries().size() + ", faults " + ims.faults().pending().size());
        }

        @Test
        @Order(2)
        void startsClean(FakeImsServer ims, DeveloperCredential credential) throws Exception {
            SEEN.add("second: journal " + ims.journal().entries().size() + ", faults " + ims.faults().pending().size()
                    + ", fixed " + ims.clock().isFixed() + ", credential " + ims.credential(credential.clientId()).isPresent()
                    + ", status " + token(ims, credential).statusCode()
                    + ", first token " + ims.issuedTokens().find(accessToken(firstToken)).map(t -> t.state().name()).orElse("gone"));
            ims.reset();
            SEEN.add("after reset: credential " + ims.credential(credential.clientId()).isPresent()
                    + ", status " + token(ims, credential).statusCode());
        }
    }

    @Test
    void eachTestStartsWithAnEmptyJournalNoFaultsAndTheClockResetButKeepsTheCredentialAndTokens() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(SharedFake.class)).execute().testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(SEEN).containsExactly(
                "first: journal 1, faults 1",
                "second: journal 0, faults 0, fixed false, credential true, status 200, first token VALID",
                "after reset: credential true, status 200");
    }

    private static HttpResponse<String> token(FakeIms ims, DeveloperCredential credential) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ims.baseUrl() + "/ims/token/v3"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + credential.clientId()
                        + "&client_secret=" + credential.clientSecret() + "&scope=openid"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String accessToken(String body) {
        return body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }
}
