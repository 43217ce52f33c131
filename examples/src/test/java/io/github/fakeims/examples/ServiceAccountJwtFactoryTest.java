package io.github.fakeims.examples;

import static io.github.fakeims.junit.FakeImsAssertions.assertThatJwt;

import io.github.fakeims.junit.AdobeImsTest;
import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.server.FakeImsServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

// tag::jwt-claims[]
/** The JWT that production code builds, checked claim by claim and against the fake's rules — no network. */
@AdobeImsTest(metascopes = "ent_analytics_bulk_ingest_sdk")
class ServiceAccountJwtFactoryTest {

    @Test
    void buildsAJwtThatImsAccepts(FakeImsServer fake, DeveloperCredential credential) {
        ServiceAccountJwtFactory factory = new ServiceAccountJwtFactory(credential.imsUrl().toString(), credential.clientId(),
                credential.orgId(), credential.technicalAccountId(), List.of("ent_analytics_bulk_ingest_sdk"),
                credential.privateKey(), Clock.systemUTC());

        assertThatJwt(factory.create())
                .hasIssuer(credential.orgId())
                .hasSubject(credential.technicalAccountId())
                .hasAudienceFor(credential.clientId())
                .hasMetascope("ent_analytics_bulk_ingest_sdk")
                .expiresWithin(Duration.ofMinutes(5))
                .isSignedBy(credential.certificate())
                .isAcceptedBy(fake, credential);
    }
}
// end::jwt-claims[]
