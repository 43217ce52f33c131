package io.github.fakeims.junit;

import static io.github.fakeims.junit.FakeImsAssertions.assertThatJwt;
import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.aio.ims.ImsService;
import com.adobe.aio.ims.util.PrivateKeyBuilder;
import com.adobe.aio.workspace.Workspace;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.fakeims.server.FakeImsServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AdobeImsExtension.class)
class DeveloperCredentialTest {

    @Test
    void idsAreShapedLikeTheConsolesAndUniquePerClass(DeveloperCredential credential) {
        assertThat(credential.clientId()).matches("[0-9a-f]{32}");
        assertThat(credential.clientSecret()).matches("p8e-[0-9a-f]{32}");
        assertThat(credential.orgId()).matches("[0-9A-F]{24}@AdobeOrg");
        assertThat(credential.technicalAccountId()).matches("[0-9A-F]{24}@techacct\\.adobe\\.com");
        assertThat(credential.projectId()).matches("\\d{13}");
    }

    @Test
    void theAioConfigKeysConfigureAnUnmodifiedClientThatGetsAToken(DeveloperCredential credential) {
        Map<String, String> config = credential.aioConfig();

        assertThat(config).containsEntry("aio_ims_url", credential.imsUrl().toString())
                .containsEntry("aio_api_key", credential.clientId())
                .containsEntry("aio_meta_scopes", "/s/ent_analytics_bulk_ingest_sdk")
                .containsEntry("aio_encoded_pkcs8", credential.encodedPkcs8());
        assertThat(credential.aioProperties()).containsAllEntriesOf(config);

        // aio-lib-java 1.1.26 reads the key through PrivateKeyBuilder, as its README shows.
        ImsService fromMap = ImsService.builder().workspace(Workspace.builder().configMap(config)
                .privateKey(new PrivateKeyBuilder().encodedPkcs8Key(config.get("aio_encoded_pkcs8")).build()).build()).build();
        ImsService fromProperties = ImsService.builder().workspace(Workspace.builder().properties(credential.aioProperties())
                .privateKey(new PrivateKeyBuilder().properties(credential.aioProperties()).build()).build()).build();
        assertThat(fromMap.getJwtExchangeAccessToken().getAccessToken()).isNotBlank();
        assertThat(fromProperties.getJwtExchangeAccessToken().getAccessToken()).isNotBlank();
    }

    @Test
    void aConsoleStyleJwtExchangesOverHttp(FakeImsServer fake, DeveloperCredential credential) throws Exception {
        String body = "client_id=" + credential.clientId() + "&client_secret=" + credential.clientSecret()
                + "&jwt_token=" + URLEncoder.encode(credential.signJwt(), StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/ims/exchange/jwt"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("token_type", "bearer").containsKey("access_token");
    }

    @Test
    void theFakeHasTheCredentialRegisteredWithItsCertificate(FakeImsServer fake, DeveloperCredential credential) {
        assertThat(fake.credential(credential.clientId())).hasValueSatisfying(registered ->
                assertThat(registered.certificates()).containsExactly(credential.certificate()));
        assertThat(credential.imsUrl()).isEqualTo(fake.baseUrl());
    }

    @Test
    void theBuilderRegistersAnotherCredentialOnTheSameFake(FakeImsServer fake, DeveloperCredential credential) {
        DeveloperCredential second = DeveloperCredential.builder().metascopes("ent_user_sdk").scopes("openid").registerOn(fake);

        assertThat(second.clientId()).isNotEqualTo(credential.clientId());
        assertThat(fake.credential(second.clientId())).isPresent();
        assertThatJwt(second.signJwt()).hasMetascope("ent_user_sdk").isAcceptedBy(fake, second);
        assertThatJwt(second.signJwt()).isRejectedBy(fake, credential, "invalid_client");
    }

    @Test
    void aCredentialWhoseOnlyCertificateExpiredIsRefusedWithTheBindingError(FakeImsServer fake) {
        DeveloperCredential expired = DeveloperCredential.builder()
                .keys(SelfSignedCertificate.builder().expired().build()).registerOn(fake);

        assertThatJwt(expired.signJwt()).isRejectedBy(fake, expired, "invalid_token");
    }
}
