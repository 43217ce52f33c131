package io.github.fakeims.examples;

import static io.github.fakeims.junit.FakeImsAssertions.assertThatAccessToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.junit.AdobeImsTest;
import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsTls;
import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;

/** Code that reads AEM's service credentials file and calls https://<imsEndpoint>, run unchanged against an HTTPS fake. */
// tag::aem-https[]
@AdobeImsTest(https = true, metascopes = {"ent_aem_cloud_sdk", "ent_cloudmgr_sdk"})
class AemServiceCredentialsClientTest {

    @Test
    void getsATokenFromTheServiceCredentialsFile(DeveloperCredential credential, FakeImsTls tls, FakeIms ims) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(tls.clientSslContext()).build(); // trusts the fake's CA, nothing JVM-wide

        String token = new AemServiceCredentialsClient(http).accessToken(credential.aemServiceCredentialsJson());

        assertThatAccessToken(token).hasClientId(credential.clientId()).hasScope("openid", "AdobeID");
        // The metascopes are not in the token (real IMS puts OAuth scopes there); the fake's record has them.
        assertThat(ims.issuedTokens().find(token).orElseThrow().metascopes()).contains("ent_aem_cloud_sdk");
    }
}
// end::aem-https[]
