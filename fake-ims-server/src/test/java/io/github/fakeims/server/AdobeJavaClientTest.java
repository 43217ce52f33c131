package io.github.fakeims.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.aio.auth.OAuthContext;
import com.adobe.aio.ims.ImsService;
import com.adobe.aio.ims.model.AccessToken;
import com.adobe.aio.workspace.Workspace;
import com.nimbusds.jwt.SignedJWT;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Adobe's own Java client (aio-lib-java-ims 1.1.26), unmodified, against the fake. */
class AdobeJavaClientTest {

    private static final Credential CREDENTIAL = TestCredentials.credential();
    @AutoClose
    private static FakeImsServer ims;

    @BeforeAll
    static void start() {
        ims = FakeImsServer.start(FakeImsConfig.builder().credential(CREDENTIAL).build());
    }

    private static Workspace.Builder workspace() {
        return Workspace.builder()
                .imsUrl(ims.baseUrl().toString())
                .imsOrgId(CREDENTIAL.orgId())
                .apiKey(CREDENTIAL.clientId());
    }

    private static ImsService jwtClient(String metascope) {
        return ImsService.builder().workspace(workspace()
                .credentialId("credential-1")
                .clientSecret(CREDENTIAL.clientSecret())
                .technicalAccountId(CREDENTIAL.technicalAccountId())
                .addMetascope(metascope)
                .privateKey(TestKeys.KEYS.getPrivate())
                .build()).build();
    }

    @Test
    void exchangesItsJwtForATokenThatItThenValidates() throws Exception {
        ImsService client = jwtClient("/s/" + TestCredentials.METASCOPE);

        AccessToken token = client.getJwtExchangeAccessToken();

        ExpiresIn.assertRemainingMillis(token.getExpiresIn());
        Map<String, Object> claims = SignedJWT.parse(token.getAccessToken()).getPayload().toJSONObject();
        // As real JWT-era tokens: the credential's OAuth scopes, no org (ims-evidence.md F9, F10).
        assertThat(claims).containsEntry("client_id", CREDENTIAL.clientId())
                .doesNotContainKey("org")
                .containsEntry("user_id", CREDENTIAL.technicalAccountId())
                .containsEntry("scope", String.join(",", CREDENTIAL.scopes()));
        assertThat(client.validateAccessToken(token.getAccessToken())).isTrue();
        assertThat(client.validateAccessToken(token.getAccessToken() + "x")).isFalse();
    }

    @Test
    void failsLikeAgainstRealImsWhenTheMetascopeIsNotGranted() {
        ImsService client = jwtClient("/s/ent_campaign_sdk");

        assertThatThrownBy(client::getJwtExchangeAccessToken)
                .hasMessageContaining("400")
                .hasMessageContaining("invalid_scope");
    }

    @Test
    void getsAnOAuthServerToServerToken() throws Exception {
        Workspace workspace = workspace()
                .authContext(OAuthContext.builder().clientSecret(CREDENTIAL.clientSecret())
                        .addScope("AdobeID").addScope(" openid").build())
                .build();

        AccessToken token = ImsService.builder().workspace(workspace).build().getOAuthAccessToken();

        ExpiresIn.assertRemainingSeconds(token.getExpiresIn());
        assertThat(SignedJWT.parse(token.getAccessToken()).getPayload().toJSONObject().get("scope").toString().split(","))
                .containsExactlyInAnyOrder("openid", "AdobeID");
    }
}
