package io.github.fakeims.junit;

import static io.github.fakeims.junit.FakeImsAssertions.assertThatAccessToken;
import static io.github.fakeims.junit.FakeImsAssertions.assertThatJwt;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.aio.ims.ImsService;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.FakeImsServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AdobeImsExtension.class)
class FakeImsAssertionsTest {

    @Test
    void aConsoleStyleJwtPassesEveryAssertion(FakeImsServer fake, DeveloperCredential credential) {
        assertThatJwt(credential.signJwt())
                .hasIssuer(credential.orgId())
                .hasSubject(credential.technicalAccountId())
                .hasAudience(credential.imsUrl() + "/c/" + credential.clientId())
                .hasAudienceFor(credential.clientId())
                .hasMetascope("ent_analytics_bulk_ingest_sdk")
                .hasMetascope("/s/ent_analytics_bulk_ingest_sdk")
                .expiresWithin(Duration.ofHours(24).plusMinutes(1))
                .isSignedBy(credential.certificate())
                .isAcceptedBy(fake, credential);
    }

    @Test
    void aWrongClaimFailsWithWhatWasExpectedAndWhatWasFound(DeveloperCredential credential) {
        String jwt = credential.signJwt();

        assertThatThrownBy(() -> assertThatJwt(jwt).hasIssuer("OTHER@AdobeOrg"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("iss").hasMessageContaining("OTHER@AdobeOrg").hasMessageContaining(credential.orgId());
        assertThatThrownBy(() -> assertThatJwt(jwt).hasSubject("OTHER@techacct.adobe.com"))
                .isInstanceOf(AssertionError.class).hasMessageContaining(credential.technicalAccountId());
        assertThatThrownBy(() -> assertThatJwt(jwt).hasAudienceFor("other-client"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/c/other-client")
                .hasMessageContaining(credential.imsUrl() + "/c/" + credential.clientId());
        assertThatThrownBy(() -> assertThatJwt(jwt).hasMetascope("ent_campaign_sdk"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ent_campaign_sdk")
                .hasMessageContaining("/s/ent_analytics_bulk_ingest_sdk=true");
        assertThatThrownBy(() -> assertThatJwt(jwt).expiresWithin(Duration.ofMinutes(5)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("PT5M");
        assertThatThrownBy(() -> assertThatJwt(jwt).isSignedBy(SelfSignedCertificate.create().certificate()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not verify");
    }

    @Test
    void aJwtTheFakeWouldRefuseFailsWithTheFakesPreciseReason(FakeImsServer fake, DeveloperCredential credential)
            throws Exception {
        String wrongAudience = sign(credential, new JWTClaimsSet.Builder()
                .issuer(credential.orgId())
                .subject(credential.technicalAccountId())
                .audience(credential.imsUrl() + "/c/someone-else")
                .claim("exp", Instant.now().plusSeconds(60).getEpochSecond())
                .claim(credential.imsUrl() + "/s/ent_analytics_bulk_ingest_sdk", true)
                .build());

        assertThatThrownBy(() -> assertThatJwt(wrongAudience).isAcceptedBy(fake, credential))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("400 invalid_client (invalid client_id parameter)")
                .hasMessageContaining("aud was " + credential.imsUrl() + "/c/someone-else");
        assertThatJwt(wrongAudience).isRejectedBy(fake, credential, "invalid_client");
        assertThatThrownBy(() -> assertThatJwt(credential.signJwt()).isRejectedBy(fake, credential, "invalid_client"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("accepted it");
    }

    @Test
    void somethingThatIsNotAJwtFailsClearly() {
        assertThatThrownBy(() -> assertThatJwt("not-a-jwt").hasIssuer("x@AdobeOrg"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expecting a compact signed JWT");
    }

    @Test
    void anIssuedAccessTokenPassesTheAccessTokenAssertions(ImsService ims, DeveloperCredential credential) {
        String token = ims.getJwtExchangeAccessToken().getAccessToken();

        assertThatAccessToken(token)
                .hasClientId(credential.clientId())
                .hasUserId(credential.technicalAccountId())
                .hasScope("openid", "AdobeID", "read_organizations")
                .isValidForAtLeast(Duration.ofHours(23));
        // As real JWT-era tokens: OAuth scopes, not metascopes, and no org.
        assertThatThrownBy(() -> assertThatAccessToken(token).hasScope("ent_analytics_bulk_ingest_sdk"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("missing [ent_analytics_bulk_ingest_sdk]");
        assertThatThrownBy(() -> assertThatAccessToken(token).hasOrg(credential.orgId()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("org");
        assertThatThrownBy(() -> assertThatAccessToken(token).isValidForAtLeast(Duration.ofHours(25)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expires at");
    }

    private static String sign(DeveloperCredential credential, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(credential.privateKey()));
        return jwt.serialize();
    }
}
