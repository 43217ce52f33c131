package io.github.fakeims.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.aio.ims.ImsService;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.FakeImsTls;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code @AdobeImsTest(https = true)}: the fake over TLS, the injected client trusting it, the CA for your own clients, Adobe's files. */
@AdobeImsTest(https = true)
class HttpsExtensionTest {

    @Test
    void theInjectedClientGetsTokensOverHttpsWithoutChangingTheJvmWideTrust(ImsService ims, DeveloperCredential credential) throws Exception {
        SSLSocketFactory defaultFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
        SSLContext defaultContext = SSLContext.getDefault();

        String token = ims.getJwtExchangeAccessToken().getAccessToken();

        assertThat(credential.imsUrl().toString()).startsWith("https://127.0.0.1:");
        assertThat(ims.validateAccessToken(token)).isTrue();
        assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isSameAs(defaultFactory);
        assertThat(SSLContext.getDefault()).isSameAs(defaultContext);
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(credential.imsUrl() + "/fake-ims/health"))
                .build(), HttpResponse.BodyHandlers.ofString())).as("the JVM's default trust does not know the fake's CA")
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theCaIsThereAsPemKeyStoreAndSslContextForYourOwnClients(FakeImsTls tls, FakeImsServer fake) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls.clientSslContext()).build();

        HttpResponse<String> ca = client.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/fake-ims/tls/ca.pem")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ca.body()).isEqualTo(tls.caCertificatePem());
        assertThat(tls.trustStore().getCertificate("fake-ims-ca")).isEqualTo(tls.caCertificate());
        assertThat(fake.tls()).containsSame(tls);
    }

    @Test
    void theAemServiceCredentialsJsonWorksTheWayAemsClientLibraryUsesIt(DeveloperCredential credential, FakeImsTls tls) throws Exception {
        Map<String, Object> integration = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(credential.aemServiceCredentialsJson()), "integration");
        String host = (String) integration.get("imsEndpoint");
        Map<String, Object> account = JSONObjectUtils.getJSONObject(integration, "technicalAccount");
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer((String) integration.get("org")).subject((String) integration.get("id"))
                .audience("https://" + host + "/c/" + account.get("clientId")).claim("exp", Instant.now().getEpochSecond() + 8 * 3600);
        for (String scope : ((String) integration.get("metascopes")).split(",")) {
            claims.claim("https://" + host + "/s/" + scope, true);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner(pkcs1((String) integration.get("privateKey"))));
        String form = "client_id=" + account.get("clientId") + "&client_secret=" + URLEncoder.encode((String) account.get("clientSecret"),
                StandardCharsets.UTF_8) + "&jwt_token=" + jwt.serialize();

        HttpResponse<String> answer = HttpClient.newBuilder().sslContext(tls.clientSslContext()).build().send(
                HttpRequest.newBuilder(URI.create("https://" + host + "/ims/exchange/jwt")).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void theConsoleWorkspaceJsonImportsIntoAFreshFakeAsTheSameCredential(DeveloperCredential credential) {
        Map<String, Object> project;
        try (FakeImsServer fresh = FakeImsServer.start()) {
            assertThat(fresh.importCredentials(credential.consoleWorkspaceJson())).singleElement().isEqualTo(credential.registered());
            project = parse(credential.consoleWorkspaceJson());
        }
        assertThat(project).containsEntry("id", credential.projectId());
    }

    private static Map<String, Object> parse(String workspace) {
        try {
            return JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(workspace), "project");
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static PrivateKey pkcs1(String pem) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject()).getPrivate();
        }
    }

    @Nested
    @AdobeImsTest(https = true, auth = AuthType.OAUTH_SERVER_TO_SERVER)
    class OAuthServerToServer {

        @Test
        void theInjectedClientGetsAnOAuthTokenOverHttps(ImsService ims, FakeImsServer fake) {
            assertThat(ims.getOAuthAccessToken().getAccessToken()).isNotBlank();
            assertThat(fake.baseUrl().getScheme()).isEqualTo("https");
        }
    }

    @Nested
    @AdobeImsTest
    class OverPlainHttp {

        @Test
        void servesPlainHttpByDefault(FakeIms ims) {
            assertThat(ims.baseUrl().getScheme()).isEqualTo("http");
        }
    }
}
