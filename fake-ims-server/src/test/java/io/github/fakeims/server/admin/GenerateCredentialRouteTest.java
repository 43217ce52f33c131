package io.github.fakeims.server.admin;

import static io.github.fakeims.server.admin.AdminWire.assertAdminError;
import static io.github.fakeims.server.admin.AdminWire.object;
import static io.github.fakeims.server.admin.AdminWire.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.ServiceAccountJwt;
import io.github.fakeims.server.TestCredentials;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /fake-ims/credentials/generate}, the Console's "Generate a key pair": body optional, register's
 * fields; 201 with the credential (as GET answers it), its new certificate and the PKCS#8 private key.
 */
class GenerateCredentialRouteTest {

    @Test
    void withoutABodyItMakesAConsoleShapedCredentialWhoseKeyGetsATokenAndRegistersIt() throws Exception {
        try (FakeImsServer server = FakeImsServer.start()) {
            HttpResponse<String> response = send(server.baseUrl(), "POST", "/fake-ims/credentials/generate", "");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            Map<String, Object> answer = object(response);
            assertThat(answer).containsOnlyKeys("credential", "certificate", "privateKey");
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) answer.get("credential");
            String clientId = (String) json.get("clientId");
            assertThat(clientId).matches("[0-9a-f]{32}");
            assertThat((String) json.get("clientSecret")).matches("p8e-[0-9a-f]{32}");
            assertThat((String) json.get("orgId")).endsWith("@AdobeOrg");
            assertThat((String) json.get("technicalAccountId")).endsWith("@techacct.adobe.com");
            assertThat(JSONObjectUtils.parse(send(server.baseUrl(), "GET", "/fake-ims/credentials/" + clientId, "").body()))
                    .as("the same JSON as GET /fake-ims/credentials/{id}").isEqualTo(json);

            X509Certificate certificate = X509CertUtils.parse((String) answer.get("certificate"));
            assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
            assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
            assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
            Credential registered = server.credential(clientId).orElseThrow();
            assertThat(registered.certificates()).containsExactly(certificate);

            String privateKeyPem = (String) answer.get("privateKey");
            assertThat(privateKeyPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
            String jwt = ServiceAccountJwt.forCredential(registered.toBuilder().metascopes(TestCredentials.METASCOPE).build(),
                    server.baseUrl()).signedWith(privateKey(privateKeyPem)).serialize();
            server.register(registered.toBuilder().metascopes(TestCredentials.METASCOPE).build());
            HttpResponse<String> exchange = ImsHttp.postForm(server.baseUrl().resolve("/ims/exchange/jwt"),
                    Map.of("client_id", clientId, "client_secret", registered.clientSecret(), "jwt_token", jwt));
            assertThat(exchange.statusCode()).as(exchange.body()).isEqualTo(200);
        }
    }

    @Test
    void givenFieldsAreKeptAndTheGeneratedCertificateIsAddedToGivenOnes() {
        try (FakeImsServer server = FakeImsServer.start()) {
            Credential other = TestCredentials.credential();
            String body = "{\"clientId\": \"my-client\", \"metascopes\": [\"ent_user_sdk\"], \"scopes\": [\"openid\"], \"jtiRequired\": true, "
                    + "\"certificates\": [" + AdminWire.quoted(AdminWire.pem(other.certificates().get(0))) + "]}";

            HttpResponse<String> response = send(server.baseUrl(), "POST", "/fake-ims/credentials/generate", body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            Credential registered = server.credential("my-client").orElseThrow();
            assertThat(registered.metascopes()).containsExactly("ent_user_sdk");
            assertThat(registered.scopes()).containsExactly("openid");
            assertThat(registered.jtiRequired()).isTrue();
            assertThat(registered.clientSecret()).startsWith("p8e-");
            assertThat(registered.certificates()).hasSize(2).startsWith(other.certificates().get(0))
                    .contains(X509CertUtils.parse((String) object(response).get("certificate")));
        }
    }

    @Test
    void badInputIsA400NamingTheFieldAndRegistersNothing() {
        try (FakeImsServer server = FakeImsServer.start()) {
            for (String body : List.of("{\"clientSecrett\": \"x\"}", "[]", "{\"orgId\": \"not-an-org\"}",
                    "{\"metascopes\": \"ent_user_sdk\"}", "{\"certificates\": \"PEM\"}", "{\"grants\": [\"password\"]}")) {
                Map<String, Object> error = assertAdminError(send(server.baseUrl(), "POST", "/fake-ims/credentials/generate", body),
                        400, "invalid_request");
                assertThat((String) error.get("reason")).as(body).startsWith("credential");
            }
            assertThat(server.credentials()).isEmpty();
            assertAdminError(send(server.baseUrl(), "GET", "/fake-ims/credentials/generate", ""), 404, "not_found");
        }
    }

    @Test
    void thePrivateKeyIsNeverListedAfterwards() {
        try (FakeImsServer server = FakeImsServer.start()) {
            String privateKey = (String) object(send(server.baseUrl(), "POST", "/fake-ims/credentials/generate", "")).get("privateKey");
            String base64 = privateKey.lines().skip(1).findFirst().orElseThrow();

            for (String path : List.of("/fake-ims/credentials", "/fake-ims/journal", "/fake-ims/tokens")) {
                assertThat(send(server.baseUrl(), "GET", path, "").body()).doesNotContain(base64, "PRIVATE KEY");
            }
        }
    }

    private static PrivateKey privateKey(String pem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
