package io.github.fakeims.server;

import static io.github.fakeims.server.ImsErrorAssertions.JSON;
import static io.github.fakeims.server.ImsErrorAssertions.REASON;
import static io.github.fakeims.server.ImsErrorAssertions.assertImsError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OAuth Server-to-Server: {@code POST /ims/token/v3} (and its variants) with {@code grant_type=client_credentials}. */
class ClientCredentialsTest {


    @AutoClose
    private static FakeImsServer ims;

    @BeforeAll
    static void start() {
        ims = FakeImsServer.start();
    }

    /** A fresh credential (openid, AdobeID, read_organizations; both grants) registered on the shared server. */
    private static Credential registered() {
        Credential credential = TestCredentials.credential();
        ims.register(credential);
        return credential;
    }

    private static URI url(String path) {
        return ims.baseUrl().resolve(path);
    }

    private static Map<String, String> clientCredentials(Credential credential, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", credential.clientId());
        form.put("client_secret", credential.clientSecret());
        form.put("scope", scope);
        return form;
    }

    private static Map<String, String> with(Map<String, String> form, String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(form);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return changed;
    }

    private static Map<String, Object> payload(String accessToken) throws ParseException {
        return SignedJWT.parse(accessToken).getPayload().toJSONObject();
    }

    private static String[] scopesOf(HttpResponse<String> response) throws ParseException {
        return payload((String) ImsHttp.json(response).get("access_token")).get("scope").toString().split(",");
    }

    private static void assertTokenResponse(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        Map<String, Object> body = ImsHttp.json(response);
        assertThat(body).containsOnlyKeys("access_token", "token_type", "expires_in")
                .containsEntry("token_type", "bearer")
                .hasEntrySatisfying("expires_in", ExpiresIn::assertRemainingSeconds);
        assertThat((String) body.get("access_token")).isNotBlank();
    }


    @Test
    void issuesABearerTokenThatLivesADayInSeconds() throws Exception {
        Credential credential = registered();

        HttpResponse<String> response = ImsHttp.postForm(url("/ims/token/v3"), clientCredentials(credential, "openid,AdobeID"));

        assertTokenResponse(response);
        Map<String, Object> claims = payload((String) ImsHttp.json(response).get("access_token"));
        assertThat(claims).containsEntry("type", "access_token")
                .containsEntry("client_id", credential.clientId())
                .containsEntry("org", credential.orgId())
                .containsEntry("user_id", credential.technicalAccountId())
                .containsEntry("expires_in", "86400000")
                .doesNotContainKeys("exp", "iat", "iss", "aud");
    }

    @Test
    void writesExactlyTheRequestedScopesIntoTheToken() throws Exception {
        Credential credential = registered();

        HttpResponse<String> response = ImsHttp.postForm(url("/ims/token/v3"), clientCredentials(credential, "openid,AdobeID"));

        assertTokenResponse(response);
        assertThat(scopesOf(response)).containsExactlyInAnyOrder("openid", "AdobeID");
    }

    @Test
    void trimsScopeItemsAndAcceptsThemInAnyOrder() throws Exception {
        Credential credential = registered();

        HttpResponse<String> response = ImsHttp.postForm(url("/ims/token/v3"),
                clientCredentials(credential, " read_organizations , AdobeID ,openid "));

        assertTokenResponse(response);
        assertThat(scopesOf(response)).containsExactlyInAnyOrder("openid", "AdobeID", "read_organizations");
    }

    @Test
    void acceptsTheV2PathWithAnExtraOrgId() throws Exception {
        Credential credential = registered();

        HttpResponse<String> response = ImsHttp.postForm(url("/ims/token/v2"),
                with(clientCredentials(credential, "openid"), "org_id", credential.orgId()));

        assertTokenResponse(response);
        assertThat(scopesOf(response)).containsExactly("openid");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/ims/token", "/ims/token/v1", "/ims/token/v4", "/ims/token/v3/"})
    void answersTheSameOnEveryTokenPathVariant(String path) {
        Credential credential = registered();

        assertTokenResponse(ImsHttp.postForm(url(path), clientCredentials(credential, "openid")));
        assertImsError(ImsHttp.postForm(url(path), with(clientCredentials(credential, "openid"), "grant_type", null)),
                400, "unsupported_grant_type", "Unsupported grant_type.", "grant_type is missing");
    }

    @Test
    void readsClientIdFromTheQueryAndTheRestFromAnUnencodedBodyAsAioLibJavaDoes() throws Exception {
        Credential credential = TestCredentials.credential(TestKeys.KEYS).clientSecret("p8e-Ab+cd/ef=").build();
        ims.register(credential);

        HttpResponse<String> response = ImsHttp.post(url("/ims/token/v3?client_id=" + credential.clientId()),
                "application/x-www-form-urlencoded",
                "client_secret=p8e-Ab+cd/ef=&grant_type=client_credentials&scope=AdobeID,openid");

        assertTokenResponse(response);
        assertThat(scopesOf(response)).containsExactlyInAnyOrder("openid", "AdobeID");
        assertThat(payload((String) ImsHttp.json(response).get("access_token"))).containsEntry("client_id", credential.clientId());
    }

    @Test
    void acceptsAFormBodyDeclaredWithACharset() throws Exception {
        Credential credential = registered();
        String body = "grant_type=client_credentials&client_id=" + ImsHttp.encode(credential.clientId())
                + "&client_secret=" + ImsHttp.encode(credential.clientSecret()) + "&scope=openid%2CAdobeID";

        HttpResponse<String> response = ImsHttp.post(url("/ims/token/v3"), "application/x-www-form-urlencoded; charset=UTF-8", body);

        assertTokenResponse(response);
        assertThat(scopesOf(response)).containsExactlyInAnyOrder("openid", "AdobeID");
    }

    @Test
    void acceptsAMultipartBody() throws Exception {
        Credential credential = registered();
        String boundary = "----fakeImsBoundary7MA4YWxkTrZu0gW";
        StringBuilder body = new StringBuilder();
        clientCredentials(credential, "openid,read_organizations").forEach((name, value) -> body
                .append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");

        HttpResponse<String> response = ImsHttp.post(url("/ims/token/v3"), "multipart/form-data; boundary=" + boundary, body.toString());

        assertTokenResponse(response);
        assertThat(scopesOf(response)).containsExactlyInAnyOrder("openid", "read_organizations");
    }

    @Test
    void rejectsAnUnknownClientId() {
        Credential unknown = TestCredentials.credential();

        assertImsError(ImsHttp.postForm(url("/ims/token/v3"), clientCredentials(unknown, "openid")),
                400, "invalid_client", "invalid client_id parameter", "no credential has client_id " + unknown.clientId());
    }

    @Test
    void rejectsAWrongClientSecret() {
        Credential credential = registered();

        assertImsError(ImsHttp.postForm(url("/ims/token/v3"), with(clientCredentials(credential, "openid"), "client_secret", "wrong-secret")),
                400, "invalid_client", "invalid client_secret parameter",
                "does not match the secret registered for client_id " + credential.clientId());
    }

    @Test
    void rejectsAMissingClientSecret() {
        Credential credential = registered();

        assertImsError(ImsHttp.postForm(url("/ims/token/v3"), with(clientCredentials(credential, "openid"), "client_secret", null)),
                400, "invalid_request", "Missing required parameter: client_secret", "no client_secret parameter");
    }

    @Test
    void rejectsAScopeThatIsNotGranted() {
        Credential credential = registered();

        assertImsError(ImsHttp.postForm(url("/ims/token/v3"), clientCredentials(credential, "openid,ent_campaign_sdk")),
                400, "invalid_scope", "The requested scopes are not granted to this client.",
                "[ent_campaign_sdk] are not granted to client_id " + credential.clientId());
    }

    @Test
    void rejectsARequestWithoutScope() {
        Credential credential = registered();

        assertImsError(ImsHttp.postForm(url("/ims/token/v3"), with(clientCredentials(credential, "openid"), "scope", null)),
                400, "invalid_scope", "The requested scopes are not granted to this client.", "no scope was requested");
        assertImsError(ImsHttp.postForm(url("/ims/token/v3"), clientCredentials(credential, " , ")),
                400, "invalid_scope", "The requested scopes are not granted to this client.", "no scope was requested");
    }

    @Test
    void rejectsAMissingGrantType() {
        Credential credential = registered();

        assertImsError(ImsHttp.postForm(url("/ims/token/v3"), with(clientCredentials(credential, "openid"), "grant_type", null)),
                400, "unsupported_grant_type", "Unsupported grant_type.", "grant_type is missing");
    }

    @Test
    void rejectsAnUnknownGrantType() {
        Credential credential = registered();

        assertImsError(ImsHttp.postForm(url("/ims/token/v3"), with(clientCredentials(credential, "openid"), "grant_type", "password")),
                400, "unsupported_grant_type", "Unsupported grant_type.", "grant_type password is unknown");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"authorization_code", "refresh_token"})
    void rejectsUserLoginGrants(String grantType) {
        Credential credential = registered();
        Map<String, String> form = with(with(clientCredentials(credential, "openid"), "grant_type", grantType), "code", "abc");

        assertImsError(ImsHttp.postForm(url("/ims/token/v3"), with(form, "refresh_token", "def")),
                400, "unsupported_grant_type", "Unsupported grant_type.", "grant_type " + grantType + " is a user login");
    }

    @Test
    void refusesClientCredentialsToACredentialAllowedOnlyTheJwtExchange() {
        Credential jwtOnly = TestCredentials.credential(TestKeys.KEYS).grants(Grant.JWT_EXCHANGE).build();
        ims.register(jwtOnly);

        assertImsError(ImsHttp.postForm(url("/ims/token/v3"), clientCredentials(jwtOnly, "openid")),
                401, "invalid_client", "Client is not allowed to use this grant type.",
                "client_id " + jwtOnly.clientId(), "not client_credentials");
    }

    @Test
    void refusesTheJwtExchangeToACredentialAllowedOnlyClientCredentials() {
        Credential oauthOnly = TestCredentials.credential(TestKeys.KEYS).grants(Grant.CLIENT_CREDENTIALS).build();
        ims.register(oauthOnly);

        HttpResponse<String> response = ImsHttp.postForm(url("/ims/exchange/jwt"), Map.of(
                "client_id", oauthOnly.clientId(),
                "client_secret", oauthOnly.clientSecret(),
                "jwt_token", ServiceAccountJwt.forCredential(oauthOnly, ims.baseUrl()).serialize()));

        assertImsError(response, 401, "invalid_client", "Client is not allowed to use this grant type.",
                "client_id " + oauthOnly.clientId(), "not jwt_exchange");
        assertTokenResponse(ImsHttp.postForm(url("/ims/token/v3"), clientCredentials(oauthOnly, "openid")));
    }

    @Test
    void letsOneCredentialUseBothTheJwtExchangeAndClientCredentials() throws Exception {
        Credential both = registered();

        HttpResponse<String> exchanged = ImsHttp.postForm(url("/ims/exchange/jwt"), Map.of(
                "client_id", both.clientId(),
                "client_secret", both.clientSecret(),
                "jwt_token", ServiceAccountJwt.forCredential(both, ims.baseUrl()).serialize()));
        HttpResponse<String> oauth = ImsHttp.postForm(url("/ims/token/v3"), clientCredentials(both, "openid,AdobeID"));

        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        assertThat(ImsHttp.json(exchanged)).hasEntrySatisfying("expires_in", ExpiresIn::assertRemainingMillis);
        assertThat(payload((String) ImsHttp.json(exchanged).get("access_token")))
                .containsEntry("client_id", both.clientId())
                .containsEntry("scope", "openid,AdobeID,read_organizations");
        assertTokenResponse(oauth);
        assertThat(payload((String) ImsHttp.json(oauth).get("access_token"))).containsEntry("client_id", both.clientId());
        assertThat(scopesOf(oauth)).containsExactlyInAnyOrder("openid", "AdobeID");
    }
}
