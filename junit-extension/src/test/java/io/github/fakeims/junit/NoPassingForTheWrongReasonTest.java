package io.github.fakeims.junit;

import static io.github.fakeims.junit.FakeImsAssertions.assertThatAccessToken;
import static io.github.fakeims.junit.FakeImsAssertions.assertThatJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.aio.ims.ImsService;
import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.JournalEntry;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The helpers never let a test pass for the wrong reason: every credential and certificate has a key of
 * its own, the helpers follow the fake's clock once they know the fake, and asking the fake about a token
 * leaves its journal and faults alone.
 */
@ExtendWith(AdobeImsExtension.class)
class NoPassingForTheWrongReasonTest {

    @Test
    void credentialsBuiltBackToBackHaveKeysAndCertificatesOfTheirOwn(FakeIms fake, DeveloperCredential first) throws Exception {
        DeveloperCredential second = DeveloperCredential.builder().registerOn(fake);
        DeveloperCredential third = DeveloperCredential.builder().registerOn(fake);

        List<DeveloperCredential> credentials = List.of(first, second, third);
        assertThat(credentials).extracting(credential -> credential.keys().keyPair().getPublic()).doesNotHaveDuplicates();
        assertThat(credentials).extracting(DeveloperCredential::privateKey).doesNotHaveDuplicates();
        assertThat(credentials).extracting(DeveloperCredential::certificate).doesNotHaveDuplicates();
        assertThatJwt(signedBy(second, first.signJwt())).as("first's claims, second's key").isRejectedBy(fake, first, "invalid_token");
    }

    private static String signedBy(DeveloperCredential signer, String jwt) throws Exception {
        SignedJWT resigned = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), SignedJWT.parse(jwt).getJWTClaimsSet());
        resigned.sign(new RSASSASigner(signer.privateKey()));
        return resigned.serialize();
    }

    @Test
    void certificatesMadeOneAfterAnotherHaveKeysOfTheirOwn() {
        List<PublicKey> keys = Stream.of(SelfSignedCertificate.builder().build(), SelfSignedCertificate.builder().build(),
                        SelfSignedCertificate.builder().expired().build(), SelfSignedCertificate.create(), SelfSignedCertificate.create(),
                        SelfSignedCertificate.create())
                .map(certificate -> certificate.keyPair().getPublic()).toList();

        assertThat(keys).doesNotHaveDuplicates();
    }

    @Test
    void signJwtFollowsTheFakesClock(FakeIms fake, DeveloperCredential credential) {
        fake.clock().advance(Duration.ofDays(2));

        String jwt = credential.signJwt();

        assertThatJwt(jwt).isAcceptedBy(fake, credential);
        assertThatJwt(jwt).usingClockOf(fake).expiresWithin(Duration.ofHours(24));
        assertThatThrownBy(() -> assertThatJwt(jwt).expiresWithin(Duration.ofHours(24)))
                .as("by the system clock it expires in three days").isInstanceOf(AssertionError.class)
                .hasMessageContaining("to expire within PT24H");
    }

    @Test
    void aCredentialRegisteredOnAFakeLivingInAnotherYearGetsACertificateValidThen(FakeIms fake) {
        Instant then = Instant.parse("2031-03-01T00:00:00Z");
        fake.clock().fixAt(then);

        DeveloperCredential credential = DeveloperCredential.builder().registerOn(fake);

        assertThat(credential.certificate().getNotBefore().toInstant()).isBefore(then);
        assertThatJwt(credential.signJwt()).isAcceptedBy(fake, credential);
    }

    @Test
    void anExpiredCertificateByTheFakesClockIsRefused(FakeIms fake) {
        Instant then = Instant.parse("2031-03-01T00:00:00Z");
        fake.clock().fixAt(then);

        SelfSignedCertificate expired = SelfSignedCertificate.builder().clock(fake.clock().asClock()).expired().build();
        DeveloperCredential credential = DeveloperCredential.builder().keys(expired).registerOn(fake);

        assertThat(expired.certificate().getNotAfter().toInstant()).isEqualTo(then.minus(Duration.ofDays(1)));
        assertThatJwt(credential.signJwt()).isRejectedBy(fake, credential, "invalid_token");
    }

    @Test
    void isValidForAtLeastReadsTheFakesClockOnceToldTheFake(FakeIms fake, ImsService ims) {
        String token = ims.getJwtExchangeAccessToken().getAccessToken();

        fake.clock().advance(Duration.ofHours(23));

        assertThatAccessToken(token).isValidForAtLeast(Duration.ofHours(2));
        assertThatThrownBy(() -> assertThatAccessToken(token).usingClockOf(fake).isValidForAtLeast(Duration.ofHours(2)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("to be valid for at least PT2H");
    }

    @Test
    void theTokenMatcherLeavesTheJournalAndThePendingFaultsAlone(FakeIms fake, ImsService ims, DeveloperCredential credential) {
        String token = ims.getJwtExchangeAccessToken().getAccessToken();
        fake.faults().add(Fault.status(503).times(1)); // any endpoint, any client
        List<JournalEntry> before = fake.journal().entries();
        AccessTokenMatcher matcher = AccessTokenMatcher.issuedBy(fake.baseUrl()).forClient(credential.clientId());

        for (int i = 0; i < 5; i++) {
            assertThat(matcher.match(ImmutableRequest.create().withAbsoluteUrl("http://localhost/api").withMethod(RequestMethod.GET)
                    .withHeader("Authorization", "Bearer " + token).build()).isExactMatch()).isTrue();
        }

        assertThat(fake.journal().entries()).isEqualTo(before);
        assertThat(fake.faults().pending()).hasSize(1);
        assertThat(AccessTokenMatcher.issuedBy(fake).accepts(token)).as("asked through the FakeIms itself").isTrue();
    }
}
