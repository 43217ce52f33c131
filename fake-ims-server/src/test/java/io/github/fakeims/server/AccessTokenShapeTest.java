package io.github.fakeims.server;

import static io.github.fakeims.server.ImsHttp.postForm;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The access token and token responses as real IMS's (ims-evidence.md §C and §F): header {@code alg}
 * first, claims {@code id} first, OAuth scopes in {@code scope} for both grants, {@code moi} always,
 * {@code fg} and no {@code org} on JWT-era tokens, and {@code expires_in} the time remaining.
 */
class AccessTokenShapeTest {

    private static final TestClock CLOCK = TestClock.at("2026-12-01T12:00:00Z");
    @RegisterExtension
    static final SharedFake FAKE = SharedFake.with(() -> FakeImsConfig.builder().clock(CLOCK).build());
    private final FakeImsServer ims = FAKE.ims();

    private static Credential registered() {
        return FAKE.registered(TestCredentials.credential(TestKeys.KEYS)
                .scopes("openid", "AdobeID", "read_organizations", "additional_info.projectedProductContext").build());
    }

    private static URI url(String path) {
        return FAKE.url(path);
    }

    static HttpResponse<String> exchange(FakeIms fake, Credential credential, String jwt) {
        return postForm(fake.baseUrl().resolve("/ims/exchange/jwt"), Map.of("client_id", credential.clientId(),
                "client_secret", credential.clientSecret(), "jwt_token", jwt));
    }

    private HttpResponse<String> clientCredentials(Credential credential) {
        return postForm(url("/ims/token/v3"), Map.of("grant_type", "client_credentials", "client_id", credential.clientId(),
                "client_secret", credential.clientSecret(), "scope", "openid,AdobeID"));
    }

    private static String part(String token, int index) {
        return new Base64URL(token.split("\\.")[index]).decodeToString();
    }

    private static String accessToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) ImsHttp.json(response).get("access_token");
    }

    private String jwtFor(Credential credential) {
        // The test clock is fixed in the past of the wall clock that the JWT builder reads: set exp by it.
        long now = CLOCK.instant().getEpochSecond();
        return ServiceAccountJwt.forCredential(credential, ims.baseUrl())
                .claims(claims -> claims.claim("iat", now).claim("exp", now + 180)).serialize();
    }

    @Test
    void theHeaderIsInTheOrderOfRealTokensAlgFirst() {
        String token = accessToken(clientCredentials(registered()));

        assertThat(part(token, 0)).isEqualTo("{\"alg\":\"RS256\",\"x5u\":\"fake_ims-key-at-1.cer\",\"kid\":\"fake_ims-key-at-1\",\"itt\":\"at\"}");
    }

    @Test
    void aJwtExchangeTokenCarriesOAuthScopesMoiAndFgAndNoOrgInTheOrderOfRealOnes() throws Exception {
        Credential credential = registered();

        String token = accessToken(exchange(ims, credential, jwtFor(credential)));

        String payload = part(token, 1);
        assertThat(payload).matches("\\{\"id\":\"\\d+_[0-9a-f-]{36}_ue1\",\"type\":\"access_token\",\"client_id\":\"[^\"]+\","
                + "\"user_id\":\"[^\"]+\",\"as\":\"ims-na1\",\"aa_id\":\"[^\"]+\",\"ctp\":0,\"fg\":\"[A-Z2-7]{26}======\","
                + "\"moi\":\"[0-9a-f]{8}\",\"expires_in\":\"86400000\",\"created_at\":\"\\d+\","
                + "\"scope\":\"openid,AdobeID,read_organizations,additional_info.projectedProductContext\"}");
        assertThat(payload).doesNotContain("\"org\"").doesNotContain("ent_analytics_bulk_ingest_sdk");
    }

    @Test
    void theMetascopesOfAJwtExchangeStayInTheTokensRecord() {
        Credential credential = registered();

        String token = accessToken(exchange(ims, credential, jwtFor(credential)));

        IssuedAccessToken issued = ims.issuedTokens().find(token).orElseThrow();
        assertThat(issued.metascopes()).containsExactly(TestCredentials.METASCOPE);
        assertThat(issued.scope()).isEqualTo("openid,AdobeID,read_organizations,additional_info.projectedProductContext");
        assertThat(FakeImsAdminClient.connect(ims.baseUrl()).issuedTokens().find(token).orElseThrow().metascopes())
                .containsExactly(TestCredentials.METASCOPE);
    }

    @Test
    void anOAuthServerToServerTokenCarriesOrgAndMoiInTheOrderOfRealOnes() {
        String token = accessToken(clientCredentials(registered()));

        assertThat(part(token, 1)).matches("\\{\"id\":\"[^\"]+\",\"org\":\"[0-9A-F]+@AdobeOrg\",\"type\":\"access_token\","
                + "\"client_id\":\"[^\"]+\",\"user_id\":\"[^\"]+\",\"as\":\"ims-na1\",\"aa_id\":\"[^\"]+\",\"ctp\":3,"
                + "\"moi\":\"[0-9a-f]{8}\",\"expires_in\":\"86400000\",\"scope\":\"openid,AdobeID\",\"created_at\":\"\\d+\"}");
        assertThat(ims.issuedTokens().find(token).orElseThrow().metascopes()).isEmpty();
    }

    @Test
    void theTokenResponsesKeepTheFieldOrderOfRealOnesAndSendNoCacheControl() {
        Credential credential = registered();

        HttpResponse<String> exchanged = exchange(ims, credential, jwtFor(credential));
        HttpResponse<String> clientCredentials = clientCredentials(credential);

        assertThat(exchanged.body()).matches("\\{\"token_type\":\"bearer\",\"access_token\":\"[^\"]+\",\"expires_in\":\\d+}");
        assertThat(clientCredentials.body()).matches("\\{\"access_token\":\"[^\"]+\",\"token_type\":\"bearer\",\"expires_in\":\\d+}");
        assertThat(exchanged.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(clientCredentials.headers().firstValue("Cache-Control")).isEmpty();
    }

    @Test
    void expiresInReportsTheTimeRemainingALittleUnderTheLifetime() {
        Credential credential = registered();

        Map<String, Object> exchanged = ImsHttp.json(exchange(ims, credential, jwtFor(credential)));
        Map<String, Object> clientCredentials = ImsHttp.json(clientCredentials(credential));

        assertThat(exchanged.get("expires_in")).isEqualTo(86_399_999L);
        assertThat(clientCredentials.get("expires_in")).isEqualTo(86_399L);
    }

    @Test
    void theOrganizationOfAJwtEraTokenComesFromItsCredential() {
        Credential credential = registered();
        String token = accessToken(exchange(ims, credential, jwtFor(credential)));

        HttpResponse<String> organizations = ImsHttp.get(url("/ims/organizations/v5"), token);
        HttpResponse<String> userInfo = ImsHttp.get(url("/ims/userinfo/v2"), token);

        assertThat(organizations.body()).contains("\"ident\":\"" + credential.orgId().replace("@AdobeOrg", "") + "\"");
        assertThat(ImsHttp.json(userInfo)).containsEntry("org", credential.orgId());
    }

    @Test
    void theProfileHasProjectedProductContextWhenTheScopesAskForIt() {
        Credential credential = registered();
        String withContext = accessToken(exchange(ims, credential, jwtFor(credential)));
        String without = accessToken(clientCredentials(credential));

        Map<String, Object> profile = ImsHttp.json(ImsHttp.get(url("/ims/profile/v1"), withContext));
        Map<String, Object> plain = ImsHttp.json(ImsHttp.get(url("/ims/profile/v1"), without));

        assertThat(profile).containsEntry("ownerOrg", credential.orgId());
        assertThat(profile.get("projectedProductContext")).asList().singleElement().asString()
                .contains("serviceCode=" + TestCredentials.METASCOPE).contains("owningEntity=" + credential.orgId());
        assertThat(plain).doesNotContainKey("projectedProductContext");
    }
}
