package io.github.fakeims.server;

import static io.github.fakeims.server.ImsErrorAssertions.JSON;
import static io.github.fakeims.server.ImsErrorAssertions.REASON;
import static io.github.fakeims.server.ImsErrorAssertions.assertImsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jwt.SignedJWT;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signing keys, OpenID discovery, bearer-authenticated profile endpoints and the HTTP-level rules every response follows. */
class DiscoveryAndProfileTest {

    private static final String DEBUG_ID = "x-debug-id";
    private static final String INVALID_TOKEN = "The access token is invalid.";

    private static final Credential CREDENTIAL = TestCredentials.credential();
    @AutoClose
    private static FakeImsServer ims;

    @BeforeAll
    static void start() {
        ims = FakeImsServer.start(FakeImsConfig.builder().credential(CREDENTIAL).build());
    }

    private static URI url(String path) {
        return ims.baseUrl().resolve(path);
    }

    private static String token() {
        HttpResponse<String> response = ImsHttp.postForm(url("/ims/token/v3"), Map.of(
                "grant_type", "client_credentials",
                "client_id", CREDENTIAL.clientId(),
                "client_secret", CREDENTIAL.clientSecret(),
                "scope", "openid,AdobeID,read_organizations"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) ImsHttp.json(response).get("access_token");
    }


    /** What every error response must look like, whatever the error. */
    private static void assertJsonErrorShape(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(response.body()).startsWith("{").doesNotContainIgnoringCase("<html").doesNotContain("Exception");
        assertThat(ImsHttp.json(response)).containsKeys("error", "error_description");
        assertThat(response.headers().firstValue(DEBUG_ID)).hasValueSatisfying(id -> assertThat(id).isNotBlank());
    }

    private static HttpResponse<String> getWithHost(String host, String path) {
        return ImsHttp.get(URI.create("http://" + host + ":" + ims.port() + path), null);
    }

    // keys and discovery

    @Test
    void publishesTheKeyThatVerifiesIssuedTokensUnderTheTokensKid() throws Exception {
        SignedJWT token = SignedJWT.parse(token());

        HttpResponse<String> response = ImsHttp.get(url("/ims/keys"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(token.getHeader().getCustomParam("itt")).isEqualTo("at");
        JWKSet keys = JWKSet.parse(response.body());
        JWK key = keys.getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(key).as("JWKS key with kid %s in %s", token.getHeader().getKeyID(), response.body()).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(token.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
        SignedJWT forged = new SignedJWT(token.getHeader().toBase64URL(),
                Base64URL.encode("{\"client_id\":\"someone-else\"}"), token.getSignature());
        assertThat(forged.verify(new RSASSAVerifier(key.toRSAKey()))).isFalse();
    }

    @Test
    void describesItsEndpointsOnTheBaseUrlTheClientUsed() {
        for (String host : List.of("127.0.0.1", "localhost")) {
            String base = "http://" + host + ":" + ims.port();

            HttpResponse<String> response = getWithHost(host, "/ims/.well-known/openid-configuration");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(ImsHttp.json(response))
                    .containsEntry("issuer", base)
                    .containsEntry("token_endpoint", base + "/ims/token/v3")
                    .containsEntry("jwks_uri", base + "/ims/keys")
                    .containsEntry("revocation_endpoint", base + "/ims/revoke");
        }
        assertThat(ImsHttp.get(URI.create("http://localhost:" + ims.port() + "/ims/keys"), null).statusCode()).isEqualTo(200);
    }

    // profile endpoints

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/ims/organizations/v5", "/ims/organizations/v6"})
    void describesTheTokensOrganization(String path) throws Exception {
        HttpResponse<String> response = ImsHttp.get(url(path), token());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        List<Object> organizations = JSONArrayUtils.parse(response.body());
        assertThat(organizations).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> organization = (Map<String, Object>) organizations.get(0);
        assertThat(organization.get("orgRef")).isEqualTo(Map.of(
                "ident", CREDENTIAL.orgId().substring(0, CREDENTIAL.orgId().indexOf('@')),
                "authSrc", "AdobeOrg"));
        assertThat((String) organization.get("orgName")).contains(CREDENTIAL.orgId());
    }

    @Test
    void describesTheTokensTechnicalAccountAsProfile() {
        HttpResponse<String> response = ImsHttp.get(url("/ims/profile/v1"), token());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ImsHttp.json(response))
                .containsEntry("account_type", "technicalAccount")
                .containsEntry("userId", CREDENTIAL.technicalAccountId())
                .containsEntry("ownerOrg", CREDENTIAL.orgId())
                .containsEntry("client_id", CREDENTIAL.clientId());
    }

    @Test
    void describesTheTokensTechnicalAccountAsUserInfo() {
        HttpResponse<String> response = ImsHttp.get(url("/ims/userinfo/v2"), token());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ImsHttp.json(response))
                .containsEntry("sub", CREDENTIAL.technicalAccountId())
                .containsEntry("account_type", "technicalAccount")
                .containsEntry("org", CREDENTIAL.orgId());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/ims/organizations/v5", "/ims/organizations/v6", "/ims/profile/v1", "/ims/userinfo/v2"})
    void refusesProfileEndpointsWithoutABearerToken(String path) {
        assertImsError(ImsHttp.get(url(path), null), 401, "invalid_token", INVALID_TOKEN, "no Authorization: Bearer");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/ims/organizations/v5", "/ims/organizations/v6", "/ims/profile/v1", "/ims/userinfo/v2"})
    void refusesProfileEndpointsWithAnInvalidBearerToken(String path) throws Exception {
        SignedJWT genuine = SignedJWT.parse(token());
        String forged = genuine.getHeader().toBase64URL() + "." + Base64URL.encode("{\"client_id\":\"x\"}") + "." + genuine.getSignature();

        assertImsError(ImsHttp.get(url(path), "not-a-token"), 401, "invalid_token", INVALID_TOKEN, "not a JWT access token");
        assertImsError(ImsHttp.get(url(path), forged), 401, "invalid_token", INVALID_TOKEN, "signature is not this fake IMS's");
    }

    @Test
    void refusesProfileEndpointsWithAnInvalidatedToken() {
        String token = token();
        HttpResponse<String> invalidated = ImsHttp.postForm(url("/ims/invalidate_token/v2"), Map.of(
                "token_type", "access_token", "token", token,
                "client_id", CREDENTIAL.clientId(), "client_secret", CREDENTIAL.clientSecret()));
        assertThat(invalidated.statusCode()).as(invalidated.body()).isEqualTo(200);

        assertImsError(ImsHttp.get(url("/ims/profile/v1"), token), 401, "invalid_token", INVALID_TOKEN, "the token was invalidated");
    }

    // HTTP-level rules

    @Test
    void reportsItsHealth() {
        HttpResponse<String> response = ImsHttp.get(url("/fake-ims/health"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(ImsHttp.json(response)).containsOnly(Map.entry("status", "UP"));
    }

    @Test
    void answersAnUnknownPathWithJson404() {
        assertImsError(ImsHttp.get(url("/ims/no/such/endpoint"), null), 404, "not_found", "The requested resource does not exist.",
                "GET /ims/no/such/endpoint is not an IMS endpoint this fake serves");
        assertImsError(ImsHttp.get(url("/"), null), 404, "not_found", "The requested resource does not exist.", "GET / is not");
    }

    @Test
    void answersTheWrongMethodWithJson405AndAnAllowHeader() {
        HttpResponse<String> getOnPost = ImsHttp.get(url("/ims/token/v3"), null);
        HttpResponse<String> postOnGet = ImsHttp.postForm(url("/ims/keys"), Map.of("a", "b"));

        assertImsError(getOnPost, 405, "method_not_allowed", "The request method is not supported for this resource.",
                "/ims/token/v3 takes POST, not GET");
        assertThat(getOnPost.headers().firstValue("Allow")).hasValue("POST");
        assertImsError(postOnGet, 405, "method_not_allowed", "The request method is not supported for this resource.",
                "/ims/keys takes GET, not POST");
        assertThat(postOnGet.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void stampsEverySuccessAndErrorWithItsOwnDebugId() {
        HttpResponse<String> success = ImsHttp.get(url("/fake-ims/health"), null);
        HttpResponse<String> sameAgain = ImsHttp.get(url("/fake-ims/health"), null);
        HttpResponse<String> error = ImsHttp.get(url("/nowhere"), null);
        HttpResponse<String> emptySuccess = ImsHttp.postForm(url("/ims/revoke"), Map.of("token", "unknown", "client_id", CREDENTIAL.clientId()));

        List<String> ids = List.of(success, sameAgain, error, emptySuccess).stream()
                .map(response -> response.headers().firstValue(DEBUG_ID).orElse(""))
                .toList();
        assertThat(emptySuccess.statusCode()).isEqualTo(200);
        assertThat(ids).allSatisfy(id -> assertThat(id).isNotBlank()).doesNotHaveDuplicates();
    }

    @Test
    void answersEveryKindOfErrorAsJsonNeverHtml() {
        List<HttpResponse<String>> errors = List.of(
                ImsHttp.postForm(url("/ims/token/v3"), Map.of("grant_type", "client_credentials", "client_id", "nobody",
                        "client_secret", "x", "scope", "openid")),
                ImsHttp.postForm(url("/ims/exchange/jwt"), Map.of("client_id", CREDENTIAL.clientId())),
                ImsHttp.get(url("/ims/profile/v1"), "garbage"),
                ImsHttp.get(url("/ims/nothing-here"), null),
                ImsHttp.send(java.net.http.HttpRequest.newBuilder(url("/ims/validate_token/v1")).DELETE().build()),
                ImsHttp.post(url("/ims/token/v3"), "text/html", "<html><body>hi</body></html>"));

        assertThat(errors).extracting(HttpResponse::statusCode).containsExactly(400, 400, 401, 404, 405, 400);
        assertThat(errors).allSatisfy(DiscoveryAndProfileTest::assertJsonErrorShape);
    }

    @Test
    void refusesABodyOverOneMebibyteWithJson413() {
        String body = "scope=" + "a".repeat((1 << 20) + 1);

        assertImsError(ImsHttp.post(url("/ims/token/v3"), "application/x-www-form-urlencoded", body),
                413, "invalid_request", "The request body is too large.", "the body exceeds 1048576 bytes");
        assertThat(ImsHttp.get(url("/fake-ims/health"), null).statusCode()).isEqualTo(200);
    }

    /**
     * A body far over the limit must still get its 413: the server has to read away (or refuse up
     * front) what it does not keep, or closing the socket with unread data resets the connection and
     * the client never sees the answer. A reset is a race, so the request is sent several times.
     */
    @Test
    void refusesABodyFarOverTheLimitWith413InsteadOfResettingTheConnection() {
        String body = "scope=" + "a".repeat(8 << 20);

        List<String> outcomes = new ArrayList<>();
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                HttpResponse<String> response = ImsHttp.post(url("/ims/token/v3"), "application/x-www-form-urlencoded", body);
                outcomes.add(response.statusCode() + " " + response.body());
            } catch (UncheckedIOException e) {
                outcomes.add("no response: " + e.getMessage());
            }
        }

        assertThat(outcomes).containsOnly(
                "413 {\"error_description\":\"The request body is too large.\",\"error\":\"invalid_request\"}");
    }

    @Test
    void acceptsABodyOfExactlyOneMebibyte() {
        String prefix = "grant_type=client_credentials&client_id=" + CREDENTIAL.clientId()
                + "&client_secret=" + CREDENTIAL.clientSecret() + "&scope=openid&padding=";
        String body = prefix + "a".repeat((1 << 20) - prefix.length());

        HttpResponse<String> response = ImsHttp.post(url("/ims/token/v3"), "application/x-www-form-urlencoded", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void rejectsAJsonBodyAsInvalidRequest() {
        String json = "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + CREDENTIAL.clientId() + "\"}";

        assertImsError(ImsHttp.post(url("/ims/token/v3"), "application/json", json), 400, "invalid_request", "The request is malformed.",
                "Content-Type application/json is not accepted");
    }

    @Test
    void rejectsAMultipartBodyWithoutBoundaryAsInvalidRequest() {
        String body = "--x\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials\r\n--x--\r\n";

        assertImsError(ImsHttp.post(url("/ims/token/v3"), "multipart/form-data", body), 400, "invalid_request", "The request is malformed.",
                "multipart/form-data without a boundary parameter");
    }

    @Test
    void closesIdempotentlyAndStopsAcceptingConnections() {
        FakeImsServer server = FakeImsServer.start();
        int port = server.port();
        assertThat(ImsHttp.get(server.baseUrl().resolve("/fake-ims/health"), null).statusCode()).isEqualTo(200);

        server.close();
        server.close();

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            }
        }).isInstanceOf(ConnectException.class);
    }
}
