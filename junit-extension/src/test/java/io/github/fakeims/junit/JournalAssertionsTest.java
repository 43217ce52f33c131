package io.github.fakeims.junit;

import static io.github.fakeims.junit.FakeImsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.FeignException;
import com.adobe.aio.ims.ImsService;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.JournalFilter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The journal assertions on what a real client (aio-lib-java-ims) sent to the fake. */
@ExtendWith(AdobeImsExtension.class)
class JournalAssertionsTest {

    @Test
    void anExchangeByTheRealClientReadsLikeTheProtocol(FakeIms ims, DeveloperCredential credential, ImsService client) {
        client.getJwtExchangeAccessToken();

        assertThat(ims.journal()).exchanges().forClient(credential.clientId()).hasSize(1).allSucceeded()
                .singleElement().succeeded().issuedToken()
                .jwt().hasIssuer(credential.orgId()).hasSubject(credential.technicalAccountId())
                .hasAudienceFor(credential.clientId()).hasMetascope("ent_analytics_bulk_ingest_sdk");
        assertThat(ims.journal()).tokenRequests().isEmpty();
    }

    @Test
    void aFailedCountFailsWithTheEntriesAndTheFakesReasons(FakeIms ims, DeveloperCredential credential, ImsService client) {
        ims.faults().add(Fault.status(503).on(ImsEndpoint.JWT_EXCHANGE));
        assertThatThrownBy(client::getJwtExchangeAccessToken).isInstanceOf(FeignException.class).hasMessageContaining("[503 Service Unavailable]").hasMessageContaining("temporarily_unavailable");

        assertThat(ims.journal()).exchanges().failed().singleElement().hasStatus(503).failedWith("temporarily_unavailable").hadFault()
                .hasReasonContaining("scripted fault");
        assertThatThrownBy(() -> assertThat(ims.journal()).exchanges().succeeded().hasSize(1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting 1 JWT exchanges that succeeded but the fake received 0");
        assertThatThrownBy(() -> assertThat(ims.journal()).exchanges().allSucceeded())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("503").hasMessageContaining("client_id=" + credential.clientId())
                .hasMessageContaining("scripted fault");
    }

    @Test
    void aRejectedJwtShowsTheReasonInTheFailureMessage(FakeIms ims, DeveloperCredential credential, ImsService client) {
        ims.clock().advance(Duration.ofDays(1)); // the client's JWT lives 180 s: expired by the fake's clock
        assertThatThrownBy(client::getJwtExchangeAccessToken).isInstanceOf(FeignException.class).hasMessageContaining("[400 Bad Request]").hasMessageContaining("invalid_token");

        assertThat(ims.journal()).exchanges().singleElement().failedWith("invalid_token").hasReasonContaining("exp");
        assertThatThrownBy(() -> assertThat(ims.journal()).exchanges().singleElement().succeeded())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("invalid_token").hasMessageContaining("exp");
    }

    @Test
    void theJournalKeepsClaimsNotSignatures(FakeIms ims, DeveloperCredential credential, ImsService client) {
        client.getJwtExchangeAccessToken();

        assertThatThrownBy(() -> assertThat(ims.journal()).exchanges().singleElement().jwt().isSignedBy(credential.certificate()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("keeps a JWT's claims, not its signature");
        assertThatThrownBy(() -> assertThat(ims.journal()).exchanges().singleElement().jwt().hasIssuer("OTHER@AdobeOrg"))
                .isInstanceOf(AssertionError.class).hasMessageContaining(credential.orgId());
        assertThat(ims.journal().entries(JournalFilter.all()).get(0)).hasParameter("client_id", credential.clientId());
    }
}
