package io.github.fakeims.server;

import static io.github.fakeims.server.ImsErrorAssertions.assertImsError;
import static io.github.fakeims.server.ImsHttp.postForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * Up to two client secrets per credential, as the Developer Console allows for OAuth Server-to-Server
 * (rotation: both work until one is removed; Adobe's own code tries each on "invalid client_secret
 * parameter"): in the configuration, through the Java API and the admin routes.
 */
class TwoClientSecretsTest {

    private static final String OLD = "p8e-old";
    private static final String NEW = "p8e-new";

    private static HttpResponse<String> tokenWith(FakeIms ims, String clientId, String secret) {
        return postForm(ims.baseUrl().resolve("/ims/token/v3"), Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret, "scope", "openid"));
    }

    private static Credential twoSecrets() {
        return TestCredentials.credential(TestKeys.KEYS).clientSecrets(List.of(OLD, NEW)).build();
    }

    @Test
    void bothSecretsOfACredentialGetATokenUntilOneIsRemoved() {
        Credential credential = twoSecrets();
        try (FakeImsServer ims = FakeImsServer.start(FakeImsConfig.builder().credential(credential).build())) {
            assertThat(tokenWith(ims, credential.clientId(), OLD).statusCode()).isEqualTo(200);
            assertThat(tokenWith(ims, credential.clientId(), NEW).statusCode()).isEqualTo(200);

            Credential rotated = ims.removeClientSecret(credential.clientId(), OLD);

            assertThat(rotated.clientSecrets()).containsExactly(NEW);
            assertImsError(tokenWith(ims, credential.clientId(), OLD), 400, "invalid_client", "invalid client_secret parameter",
                    "does not match the secret");
            assertThat(tokenWith(ims, credential.clientId(), NEW).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSecondSecretAddedThroughTheJavaApiWorksBesideTheFirst() {
        Credential credential = TestCredentials.credential();
        try (FakeImsServer ims = FakeImsServer.start(FakeImsConfig.builder().credential(credential).build())) {
            Credential now = ims.addClientSecret(credential.clientId(), NEW);

            assertThat(now.clientSecrets()).containsExactly(credential.clientSecret(), NEW);
            assertThat(tokenWith(ims, credential.clientId(), NEW).statusCode()).isEqualTo(200);
            assertThat(tokenWith(ims, credential.clientId(), credential.clientSecret()).statusCode()).isEqualTo(200);
            assertImsError(tokenWith(ims, credential.clientId(), "p8e-third"), 400, "invalid_client",
                    "invalid client_secret parameter", "either secret");
        }
    }

    @Test
    void aThirdSecretAndRemovingTheOnlyOneAreRefused() {
        Credential credential = twoSecrets();
        try (FakeImsServer ims = FakeImsServer.start(FakeImsConfig.builder().credential(credential).build())) {
            assertThatThrownBy(() -> ims.addClientSecret(credential.clientId(), "p8e-third"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 2");
            ims.removeClientSecret(credential.clientId(), OLD);
            assertThatThrownBy(() -> ims.removeClientSecret(credential.clientId(), NEW))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only secret");
            assertThatThrownBy(() -> ims.removeClientSecret(credential.clientId(), "p8e-unknown"))
                    .isInstanceOf(NoSuchElementException.class);
            assertThat(ims.credential(credential.clientId()).orElseThrow().clientSecrets()).containsExactly(NEW);
        }
    }

    @Test
    void theConfigurationTakesClientSecretsBesideClientSecret() throws Exception {
        Credential credential = TestCredentials.credential();
        String json = "{\"credentials\":[{\"clientId\":\"rotating\",\"clientSecret\":\"" + OLD + "\",\"clientSecrets\":[\"" + NEW
                + "\"],\"orgId\":\"" + credential.orgId() + "\",\"technicalAccountId\":\"" + credential.technicalAccountId()
                + "\",\"scopes\":[\"openid\"],\"grants\":[\"client_credentials\"]}]}";
        FakeImsConfig config = FakeImsConfig.fromJson(json);
        try (FakeImsServer ims = FakeImsServer.start(config)) {
            assertThat(ims.credential("rotating").orElseThrow().clientSecrets()).containsExactly(OLD, NEW);
            assertThat(tokenWith(ims, "rotating", OLD).statusCode()).isEqualTo(200);
            assertThat(tokenWith(ims, "rotating", NEW).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theConfigurationRefusesThreeSecrets() {
        String json = "{\"credentials\":[{\"clientId\":\"x\",\"clientSecrets\":[\"a\",\"b\",\"c\"],\"orgId\":\"A@AdobeOrg\","
                + "\"technicalAccountId\":\"B@techacct.adobe.com\",\"grants\":[\"client_credentials\"]}]}";

        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials[0].clientSecrets: at most 2");
    }

    @Test
    void theAdminRoutesAddAndRemoveASecretAndTheAdminClientToo() {
        Credential credential = TestCredentials.credential();
        try (FakeImsServer ims = FakeImsServer.start(FakeImsConfig.builder().credential(credential).build())) {
            URI secrets = ims.baseUrl().resolve("/fake-ims/credentials/" + credential.clientId() + "/secrets");
            HttpResponse<String> added = ImsHttp.send(HttpRequest.newBuilder(secrets).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"clientSecret\":\"" + NEW + "\"}")).build());
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
            assertThat(added.body()).contains("\"clientSecrets\":[\"" + credential.clientSecret() + "\",\"" + NEW + "\"]");
            assertThat(tokenWith(ims, credential.clientId(), NEW).statusCode()).isEqualTo(200);

            HttpResponse<String> removed = ImsHttp.send(HttpRequest.newBuilder(secrets).header("Content-Type", "application/json")
                    .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"clientSecret\":\"" + credential.clientSecret() + "\"}"))
                    .build());
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
            assertThat(ims.credential(credential.clientId()).orElseThrow().clientSecrets()).containsExactly(NEW);

            FakeImsAdminClient admin = FakeImsAdminClient.connect(ims.baseUrl());
            assertThat(admin.addClientSecret(credential.clientId(), OLD).clientSecrets()).containsExactly(NEW, OLD);
            assertThat(admin.removeClientSecret(credential.clientId(), NEW).clientSecrets()).containsExactly(OLD);
            assertThatThrownBy(() -> admin.removeClientSecret(credential.clientId(), OLD))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only secret");
        }
    }

    @Test
    void anAdminRouteWithoutASecretSaysWhichFieldIsMissing() {
        Credential credential = TestCredentials.credential();
        try (FakeImsServer ims = FakeImsServer.start(FakeImsConfig.builder().credential(credential).build())) {
            HttpResponse<String> response = ImsHttp.send(HttpRequest.newBuilder(
                    ims.baseUrl().resolve("/fake-ims/credentials/" + credential.clientId() + "/secrets"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("clientSecret: required");
            assertThat(ims.credential(credential.clientId()).orElseThrow().clientSecrets()).containsExactly(credential.clientSecret());
        }
    }
}
