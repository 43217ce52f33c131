package io.github.fakeims.junit.container;

import static io.github.fakeims.junit.FakeImsAssertions.assertThat;
import static io.github.fakeims.junit.FakeImsAssertions.assertThatJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.FeignException;
import com.adobe.aio.ims.ImsService;
import io.github.fakeims.junit.AdobeImsExtension;
import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.junit.FakeImsMode;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension's two modes run one scenario with the same injected types. */
@RequiresDocker
class ContainerModeIT {

    abstract static class Scenario {
        @Test
        void theRealClientGetsATokenAndTheJournalShowsIt(FakeIms ims, DeveloperCredential credential, ImsService client) {
            String token = client.getJwtExchangeAccessToken().getAccessToken();

            assertThat(client.validateAccessToken(token)).isTrue();
            assertThat(ims.journal()).exchanges().forClient(credential.clientId()).singleElement().succeeded().issuedToken()
                    .jwt().hasIssuer(credential.orgId()).hasAudienceFor(credential.clientId());
        }

        @Test
        void aScriptedFaultReachesTheRealClient(FakeIms ims, ImsService client) {
            ims.faults().add(Fault.status(503).on(ImsEndpoint.JWT_EXCHANGE));

            assertThatThrownBy(client::getJwtExchangeAccessToken).isInstanceOf(FeignException.class)
                    .hasMessageContaining("[503 Service Unavailable]").hasMessageContaining("temporarily_unavailable");
            assertThat(client.getJwtExchangeAccessToken().getAccessToken()).isNotBlank();
            assertThat(ims.journal()).exchanges().hasSize(2).first().hasStatus(503).hadFault();
        }

        @Test
        void aConsoleStyleJwtForTheMappedUrlIsAcceptedAndFollowsTheFakesClock(FakeIms ims, DeveloperCredential credential) {
            ims.clock().advance(java.time.Duration.ofDays(2));

            assertThatJwt(credential.signJwt()).isAcceptedBy(ims, credential).usingClockOf(ims)
                    .expiresWithin(java.time.Duration.ofHours(24));
            assertThat(ims.journal().entries()).as("the check is no IMS request").isEmpty();
        }
    }

    @Nested
    class InProcess extends Scenario {
        @RegisterExtension
        static AdobeImsExtension ims = AdobeImsExtension.builder().mode(FakeImsMode.IN_PROCESS).build();
    }

    @Nested
    class InContainer extends Scenario {
        @RegisterExtension
        static AdobeImsExtension ims = AdobeImsExtension.builder().container(FakeImsImage.name()).build();
    }

    @Nested
    class InProcessOverHttps extends Scenario {
        @RegisterExtension
        static AdobeImsExtension ims = AdobeImsExtension.builder().mode(FakeImsMode.IN_PROCESS).https(true).build();
    }

    @Nested
    class InContainerOverHttps extends Scenario {
        @RegisterExtension
        static AdobeImsExtension ims = AdobeImsExtension.builder().container(FakeImsImage.name()).https(true).build();

        @Test
        void theCredentialAndTheControlPlaneUseTheHttpsAddress(FakeIms fake, DeveloperCredential credential,
                                                                io.github.fakeims.server.FakeImsTls tls) {
            assertThat(credential.imsUrl().getScheme()).isEqualTo("https");
            assertThat(fake.baseUrl()).isEqualTo(credential.imsUrl());
            assertThat(tls.caCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        }
    }
}
