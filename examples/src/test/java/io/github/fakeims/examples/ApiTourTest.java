package io.github.fakeims.examples;

// tag::tour-imports[]
import static io.github.fakeims.junit.FakeImsAssertions.assertThat;
import static io.github.fakeims.junit.FakeImsAssertions.assertThatJwt;
import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.aio.ims.ImsService;
import io.github.fakeims.junit.AdobeImsExtension;
import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.junit.FakeImsContainer;
import io.github.fakeims.junit.SelfSignedCertificate;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
// end::tour-imports[]
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's shorter snippets, each a tagged region that ReadmeSnippetsTest finds quoted verbatim:
 * they compile with the imports above (quoted too) and, but for the container one, run here.
 * Names: {@code ims} is a {@link FakeIms}, {@code fake} a {@link FakeImsServer}, {@code imsService}
 * aio-lib-java's client, {@code container} a {@link FakeImsContainer}.
 */
@ExtendWith(AdobeImsExtension.class)
class ApiTourTest {

    @Test
    void theJournalAssertionsReadWhatTheFakeReceived(FakeIms ims, ImsService imsService, DeveloperCredential credential) {
        imsService.getJwtExchangeAccessToken();

        // tag::journal-assertion[]
        assertThat(ims.journal()).exchanges().forClient(credential.clientId()).singleElement()
                .succeeded().issuedToken().jwt().hasIssuer(credential.orgId());
        // end::journal-assertion[]
    }

    @Test
    void theJwtAssertionsCheckAJwtWithoutANetwork(FakeImsServer fake, DeveloperCredential credential) {
        String jwtMyCodeBuilt = credential.signJwt(Duration.ofMinutes(5));

        // tag::jwt-assertions[]
        assertThatJwt(jwtMyCodeBuilt)
                .hasIssuer(credential.orgId())
                .hasAudienceFor(credential.clientId())
                .hasMetascope("ent_analytics_bulk_ingest_sdk")
                .expiresWithin(Duration.ofMinutes(5))
                .isSignedBy(credential.certificate())
                .isAcceptedBy(fake, credential);   // fails with the fake's precise reason
        // end::jwt-assertions[]
    }

    @Test
    void moreCredentialsRegisterOnTheSameFake(FakeImsServer fake) {
        // tag::more-credentials[]
        DeveloperCredential second = DeveloperCredential.builder().metascopes("ent_user_sdk").registerOn(fake);
        DeveloperCredential expired = DeveloperCredential.builder()
                .keys(SelfSignedCertificate.builder().expired().build()).registerOn(fake);
        // end::more-credentials[]

        assertThat(fake.credential(second.clientId())).isPresent();
        assertThatJwt(expired.signJwt()).isSignedBy(expired.certificate());
    }

    @Test
    void theServerRunsWithoutTheExtension(DeveloperCredential credential) {
        // tag::without-extension[]
        try (FakeImsServer fake = FakeImsServer.start(FakeImsConfig.builder().credential(credential.registered()).build())) {
            // point your client at fake.baseUrl()
            // end::without-extension[]
            assertThat(fake.credential(credential.clientId())).isPresent();
        }
    }

    @Test
    void testsDriveTheFakeThroughFakeIms(FakeIms ims, ImsService imsService, DeveloperCredential credential) {
        String accessToken = imsService.getJwtExchangeAccessToken().getAccessToken();

        // tag::driving[]
        ims.register(credential.registered());                      // also: removeCredential, addCertificate,
                                                                    // removeCertificate, convertToOAuthServerToServer,
                                                                    // addClientSecret, removeClientSecret (two, for rotation)
        ims.faults().add(Fault.tooManyRequests(Duration.ofSeconds(3)).on(ImsEndpoint.TOKEN).times(2));
        ims.clock().advance(Duration.ofHours(25));                  // fixAt(instant), reset()
        List<JournalEntry> failed = ims.journal().entries(JournalFilter.of(ImsEndpoint.TOKEN).failed());
        Optional<JournalEntry> next = ims.journal().takeNext(JournalFilter.all(), Duration.ofSeconds(5));
        ims.issuedTokens().find(accessToken);                       // claims, and VALID / EXPIRED / INVALIDATED / …
        ims.reset();                                                // back to the configured state
        // end::driving[]

        assertThat(failed).isEmpty();
        assertThat(next).isPresent();
        assertThat(ims.faults().pending()).isEmpty();
    }

    /** Compiled, not run here: it needs Docker and a built image (FakeImsContainerIT runs the same). */
    static void fromTestcontainers(DeveloperCredential credential) {
        // tag::container[]
        try (FakeImsContainer container = new FakeImsContainer("fake-ims:latest").withCredential(credential.registered())) {
            container.start();
            URI imsUrl = container.getBaseUrl();                 // http://localhost:<mapped port>
            container.admin().faults().add(Fault.status(503));   // the same FakeIms API as in-process
        }
        // end::container[]
    }
}
