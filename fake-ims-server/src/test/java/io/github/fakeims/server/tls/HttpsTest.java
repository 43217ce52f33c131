package io.github.fakeims.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.aio.auth.OAuthContext;
import com.adobe.aio.ims.ImsService;
import com.adobe.aio.ims.model.AccessToken;
import com.adobe.aio.workspace.Workspace;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.ExpiresIn;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ServiceAccountJwt;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake over real TLS: its throwaway CA (made with keytool), the certificate's names, Adobe's Java client, the https URLs it names. */
class HttpsTest {

    private static final Credential CREDENTIAL = TestCredentials.credential();
    private static FakeImsServer ims;
    private static URI https;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        ims = FakeImsServer.start(FakeImsConfig.builder().credential(CREDENTIAL).httpsPort(0)
                .publicBaseUrl(URI.create("https://ims.example.test:8443")).tlsSubjectAlternativeName("fake-ims.internal").build());
        https = ims.httpsBaseUrl().orElseThrow();
        client = HttpClient.newBuilder().sslContext(ims.tls().orElseThrow().clientSslContext()).build();
    }

    @AfterAll
    static void stop() {
        ims.close();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOnHttpsBesideHttpWithACertificateForLoopbackTheBindHostThePublicHostsAndTheExtraNames() throws Exception {
        assertThat(https.toString()).startsWith("https://127.0.0.1:");
        assertThat(ims.baseUrl().getScheme()).isEqualTo("http");
        X509Certificate server = ims.tls().orElseThrow().serverCertificate();
        List<String> names = server.getSubjectAlternativeNames().stream().map(name -> name.get(1).toString()).toList();

        assertThat(names).contains("localhost", "127.0.0.1", "ims.example.test", "fake-ims.internal")
                .anyMatch(name -> name.equals("0:0:0:0:0:0:0:1") || name.equals("::1"));
        server.verify(ims.tls().orElseThrow().caCertificate().getPublicKey());
        assertThat(ims.tls().orElseThrow().caCertificate().getBasicConstraints()).isNotNegative();
    }

    @Test
    void servesItsCaCertificateToAnyoneAtFakeImsTlsCaPem() throws Exception {
        HttpResponse<String> ca = send(HttpRequest.newBuilder(URI.create(ims.baseUrl() + "/fake-ims/tls/ca.pem")).build());

        assertThat(ca.statusCode()).isEqualTo(200);
        assertThat(ca.headers().firstValue("Content-Type")).hasValue("application/x-pem-file");
        assertThat(X509CertUtils.parse(ca.body())).isEqualTo(ims.tls().orElseThrow().caCertificate());
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefusedTheHandshake() {
        HttpClient untrusting = HttpClient.newHttpClient();

        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create(https + "/fake-ims/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void acceptsAJwtAddressedToTheHttpsBaseTheClientUsedAndRefusesOneAddressedToHttpOnTheHttpsPort() throws Exception {
        String good = ServiceAccountJwt.forCredential(CREDENTIAL, https).serialize();
        URI wrongScheme = URI.create("http://127.0.0.1:" + https.getPort());
        String bad = ServiceAccountJwt.forCredential(CREDENTIAL, wrongScheme).serialize();

        assertThat(exchange(good).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = exchange(bad);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("X-Fake-Ims-Reason").orElseThrow()).contains(wrongScheme + " is not this fake IMS");
    }

    private static HttpResponse<String> exchange(String jwt) throws Exception {
        String form = "client_id=" + CREDENTIAL.clientId() + "&client_secret=" + CREDENTIAL.clientSecret() + "&jwt_token=" + jwt;
        return send(HttpRequest.newBuilder(URI.create(https + "/ims/exchange/jwt"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    @Test
    void discoveryNamesTheHttpsUrlsTheClientUsed() throws Exception {
        URI localhost = URI.create("https://localhost:" + https.getPort());
        Map<String, Object> discovery = JSONObjectUtils.parse(send(HttpRequest.newBuilder(
                URI.create(localhost + "/ims/.well-known/openid-configuration")).build()).body());

        assertThat(discovery).containsEntry("issuer", localhost.toString()).containsEntry("token_endpoint", localhost + "/ims/token/v3");
    }

    /**
     * aio-lib-java 1.1.26 builds its Feign client with no way to pass an SSLContext: it uses HttpsURLConnection's
     * JVM-wide default factory. The test sets it for the duration only.
     */
    @Test
    void adobesJavaClientGetsAndValidatesTokensOverHttps() {
        SSLSocketFactory before = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(ims.tls().orElseThrow().clientSslContext().getSocketFactory());
        try {
            Workspace.Builder workspace = Workspace.builder().imsUrl(https.toString()).imsOrgId(CREDENTIAL.orgId()).apiKey(CREDENTIAL.clientId());
            ImsService jwt = ImsService.builder().workspace(workspace.credentialId("credential-1").clientSecret(CREDENTIAL.clientSecret())
                    .technicalAccountId(CREDENTIAL.technicalAccountId()).addMetascope("/s/" + TestCredentials.METASCOPE)
                    .privateKey(TestKeys.KEYS.getPrivate()).build()).build();

            AccessToken token = jwt.getJwtExchangeAccessToken();

            assertThat(jwt.validateAccessToken(token.getAccessToken())).isTrue();
            AccessToken oauth = ImsService.builder().workspace(Workspace.builder().imsUrl(https.toString()).imsOrgId(CREDENTIAL.orgId())
                    .apiKey(CREDENTIAL.clientId()).authContext(OAuthContext.builder().clientSecret(CREDENTIAL.clientSecret())
                            .addScope("openid").build()).build()).build().getOAuthAccessToken();
            ExpiresIn.assertRemainingSeconds(oauth.getExpiresIn());
        } finally {
            HttpsURLConnection.setDefaultSSLSocketFactory(before);
        }
    }
}
