package io.github.fakeims.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.CredentialFileFormat;
import io.github.fakeims.server.FakeImsAdminClient;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.FakeImsTls;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Adobe's credential files against an HTTPS fake: an exported AEM file used the way AEM's client library uses
 * it, a Console workspace round trip into a fresh fake, and malformed files refused with the field named.
 */
class CredentialFilesOverTlsTest {

    /** A credential whose key the fake holds (as for one it made), and one it knows only by certificate. */
    private static final Credential HELD = TestCredentials.credential();
    private static final Credential CERTIFICATE_ONLY = TestCredentials.credential().toBuilder().clientId("certificate-only").build();
    private static FakeImsServer ims;
    private static FakeImsTls tls;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        ims = FakeImsServer.start(FakeImsConfig.builder().credential(HELD, TestKeys.KEYS.getPrivate()).credential(CERTIFICATE_ONLY)
                .httpsPort(0).build());
        tls = ims.tls().orElseThrow();
        client = HttpClient.newBuilder().sslContext(tls.clientSslContext()).build();
    }

    @AfterAll
    static void stop() {
        ims.close();
    }

    private static HttpResponse<String> send(String method, URI url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(url).method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", url.getPath().startsWith("/fake-ims/")
                        ? "application/json" // what every admin write sends, whatever the file's own format: no browser sends it cross-site unasked
                        : "application/x-www-form-urlencoded").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI admin(String path) {
        return URI.create(ims.httpsBaseUrl().orElseThrow() + "/fake-ims/" + path);
    }

    @Test
    void anExportedAemFileUsedTheWayAemsClientLibraryUsesItGetsAToken() throws Exception {
        HttpResponse<String> export = send("GET", admin("credentials/" + HELD.clientId() + "/export?format=aem-service-credentials"), "");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        Map<String, Object> integration = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(export.body()), "integration");
        assertThat((String) integration.get("privateKey")).startsWith("-----BEGIN RSA PRIVATE KEY-----\r\n");
        assertThat((String) integration.get("publicKey")).startsWith("-----BEGIN CERTIFICATE-----\r\n");
        assertThat(integration.get("imsEndpoint")).isEqualTo("127.0.0.1:" + ims.httpsPort().getAsInt());

        // adobe/aemcs-api-client-lib: https://${imsEndpoint}, metascopes split on commas, exp in 8 h, a PKCS#1 key.
        String host = (String) integration.get("imsEndpoint");
        Map<String, Object> account = JSONObjectUtils.getJSONObject(integration, "technicalAccount");
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer((String) integration.get("org")).subject((String) integration.get("id"))
                .audience("https://" + host + "/c/" + account.get("clientId"))
                .claim("exp", Instant.now().getEpochSecond() + 8 * 3600);
        for (String scope : ((String) integration.get("metascopes")).split(",")) {
            claims.claim("https://" + host + "/s/" + scope, true);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner(pkcs1((String) integration.get("privateKey"))));

        HttpResponse<String> token = send("POST", URI.create("https://" + host + "/ims/exchange/jwt"), form(Map.of(
                "client_id", (String) account.get("clientId"), "client_secret", (String) account.get("clientSecret"),
                "jwt_token", jwt.serialize())));

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(JSONObjectUtils.parse(token.body())).containsKey("access_token");
    }

    @Test
    void anAemFileExportedOverHttpsNamesTheAddressTheClientUsed() throws Exception {
        URI localhost = URI.create("https://localhost:" + ims.httpsPort().getAsInt());

        HttpResponse<String> export = send("GET", URI.create(localhost + "/fake-ims/credentials/" + HELD.clientId()
                + "/export?format=aem-service-credentials"), "");

        assertThat(JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(export.body()), "integration"))
                .containsEntry("imsEndpoint", "localhost:" + ims.httpsPort().getAsInt());
    }

    @Test
    void anImportedAemFileRegistersTheCredentialWithItsCertificateAndMetascopesAndItsKeyForLaterExports() {
        String file = ims.exportCredential(HELD.clientId(), CredentialFileFormat.AEM_SERVICE_CREDENTIALS)
                .replace(HELD.clientId(), "aem-imported").replaceFirst("\"metascopes\":\"[^\"]*\"", "\"metascopes\":\"ent_aem_cloud_sdk,ent_cloudmgr_sdk\"");
        try (FakeImsServer fresh = FakeImsServer.start(FakeImsConfig.builder().httpsPort(0).tls(tls).build())) {
            FakeImsAdminClient remote = FakeImsAdminClient.connect(fresh.httpsBaseUrl().orElseThrow(), null, tls.clientSslContext());

            List<Credential> imported = remote.importCredentials(file);

            assertThat(imported).singleElement().satisfies(credential -> {
                assertThat(credential.clientId()).isEqualTo("aem-imported");
                assertThat(credential.metascopes()).containsExactlyInAnyOrder("ent_aem_cloud_sdk", "ent_cloudmgr_sdk");
                assertThat(credential.certificates()).isEqualTo(HELD.certificates());
                assertThat(credential.grants()).containsExactly(Grant.JWT_EXCHANGE);
            });
            assertThat(remote.exportCredential("aem-imported", CredentialFileFormat.AEM_SERVICE_CREDENTIALS))
                    .contains("\"imsEndpoint\":\"127.0.0.1:" + fresh.httpsPort().getAsInt() + "\"");
        }
    }

    @Test
    void aConsoleWorkspaceExportedAndImportedIntoAFreshFakeGivesTokensOfBothKinds() throws Exception {
        String workspace = ims.exportCredential(HELD.clientId(), CredentialFileFormat.CONSOLE_WORKSPACE);
        Map<String, Object> project = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(workspace), "project");
        @SuppressWarnings("unchecked") List<Object> credentials = (List<Object>) JSONObjectUtils.getJSONObject(JSONObjectUtils.getJSONObject(project, "workspace"), "details")
                .get("credentials");
        assertThat(credentials).extracting(entry -> (Object) ((Map<?, ?>) entry).get("integration_type")).containsExactly("service", "oauth_server_to_server");
        assertThat(((Map<?, ?>) ((Map<?, ?>) credentials.get(1)).get("oauth_server_to_server")).get("client_secrets"))
                .isEqualTo(List.of(HELD.clientSecret()));

        try (FakeImsServer fresh = FakeImsServer.start(FakeImsConfig.builder().httpsPort(0).http(false).tls(tls).build())) {
            URI base = fresh.baseUrl();
            HttpResponse<String> imported = send("POST", URI.create(base + "/fake-ims/credentials/import"), workspace);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);

            String jwt = io.github.fakeims.server.ServiceAccountJwt.forCredential(HELD, base).serialize();
            HttpResponse<String> exchange = send("POST", URI.create(base + "/ims/exchange/jwt"), form(Map.of("client_id", HELD.clientId(),
                    "client_secret", HELD.clientSecret(), "jwt_token", jwt)));
            HttpResponse<String> oauth = send("POST", URI.create(base + "/ims/token/v3"), form(Map.of("grant_type", "client_credentials",
                    "client_id", HELD.clientId(), "client_secret", HELD.clientSecret(), "scope", String.join(",", HELD.scopes()))));

            assertThat(exchange.statusCode()).as(exchange.body()).isEqualTo(200);
            assertThat(oauth.statusCode()).as(oauth.body()).isEqualTo(200);
            assertThat(fresh.credential(HELD.clientId())).hasValue(HELD);
        }
    }

    @Test
    void bothClientSecretsOfARotationTravelThroughAConsoleWorkspace() throws Exception {
        Credential rotating = TestCredentials.credential().toBuilder().clientId("rotating").addClientSecret("p8e-the-new-one").build();
        ims.register(rotating);
        String workspace = ims.exportCredential(rotating.clientId(), CredentialFileFormat.CONSOLE_WORKSPACE);
        assertThat(workspace).contains("\"client_secrets\":[\"" + rotating.clientSecret() + "\",\"p8e-the-new-one\"]");

        try (FakeImsServer fresh = FakeImsServer.start(FakeImsConfig.builder().httpsPort(0).http(false).tls(tls).build())) {
            URI base = fresh.baseUrl();
            assertThat(send("POST", URI.create(base + "/fake-ims/credentials/import"), workspace).statusCode()).isEqualTo(201);
            for (String secret : rotating.clientSecrets()) {
                HttpResponse<String> oauth = send("POST", URI.create(base + "/ims/token/v3"), form(Map.of("grant_type", "client_credentials",
                        "client_id", rotating.clientId(), "client_secret", secret, "scope", String.join(",", rotating.scopes()))));
                assertThat(oauth.statusCode()).as("with %s: %s", secret, oauth.body()).isEqualTo(200);
            }
        } finally {
            ims.removeCredential(rotating.clientId());
        }
    }

    @Test
    void aioPropertiesCarryTheKeyAioLibJavaReads() throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(ims.exportCredential(HELD.clientId(), CredentialFileFormat.AIO_PROPERTIES)));

        assertThat(properties).containsEntry("aio_api_key", HELD.clientId()).containsEntry("aio_ims_url", ims.baseUrl().toString())
                .containsEntry("aio_meta_scopes", HELD.metascopes().stream().sorted().map(code -> "/s/" + code).collect(Collectors.joining(",")))
                .containsEntry("aio_encoded_pkcs8", java.util.Base64.getEncoder().encodeToString(TestKeys.KEYS.getPrivate().getEncoded()));
    }

    @Test
    void formatsThatCarryAPrivateKeyAre409WhenTheFakeDoesNotHoldItAndSayWhy() throws Exception {
        HttpResponse<String> aem = send("GET", admin("credentials/" + CERTIFICATE_ONLY.clientId() + "/export?format=aem-service-credentials"), "");
        HttpResponse<String> properties = send("GET", admin("credentials/" + CERTIFICATE_ONLY.clientId() + "/export?format=aio-properties"), "");
        HttpResponse<String> console = send("GET", admin("credentials/" + CERTIFICATE_ONLY.clientId() + "/export?format=console-workspace"), "");

        assertThat(aem.statusCode()).isEqualTo(409);
        assertThat(JSONObjectUtils.parse(aem.body()).get("reason").toString()).contains("does not hold the private key of client_id certificate-only");
        assertThat(properties.statusCode()).isEqualTo(409);
        assertThat(console.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> ims.exportCredential(CERTIFICATE_ONLY.clientId(), CredentialFileFormat.AEM_SERVICE_CREDENTIALS))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRemovedCredentialsKeyIsForgottenSoReRegisteringItDoesNotBringTheKeyBack() {
        try (FakeImsServer fake = FakeImsServer.start(FakeImsConfig.builder().httpsPort(0).tls(tls).build())) {
            fake.importCredentials(ims.exportCredential(HELD.clientId(), CredentialFileFormat.AEM_SERVICE_CREDENTIALS));
            assertThat(fake.exportCredential(HELD.clientId(), CredentialFileFormat.AIO_PROPERTIES)).contains("aio_encoded_pkcs8=");

            fake.removeCredential(HELD.clientId());
            fake.register(HELD);

            assertThatThrownBy(() -> fake.exportCredential(HELD.clientId(), CredentialFileFormat.AIO_PROPERTIES))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not hold the private key");
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "aem-service-credentials | integration.technicalAccount.clientId | \"clientId\":\"" + "CLIENT\" | \"clientIdX\":\"CLIENT\"",
            "aem-service-credentials | integration.imsEndpoint               | \"imsEndpoint\":\"127     | \"imsEndpoint\":\"https://127",
            "aem-service-credentials | integration.publicKey                 | -----BEGIN CERTIFICATE----- | -----BEGIN CERTIFICAT-----",
            "aem-service-credentials | integration.privateKey                | RSA PRIVATE KEY-----\\r\\nMII | RSA PRIVATE KEY-----\\r\\nXXX",
            "console-workspace       | project.org.ims_org_id                | \"ims_org_id\"            | \"ims_org\"",
            "console-workspace       | project.workspace.details.credentials[1].oauth_server_to_server.client_secrets | \"client_secrets\":[\"SECRET\"] | \"client_secrets\":[]",
            "console-workspace       | project.workspace.details.credentials[0].jwt.fake_ims_certificates | \"fake_ims_certificates\" | \"certificates\"",
            "console-workspace       | project.workspace.details.credentials[0].jwt.meta_scopes | \"meta_scopes\"             | \"metascopes\"",
            "aio-properties          | aio_client_secret                     | aio_client_secret=        | aio_secret=",
    })
    void aMalformedFileIs400NamingTheFieldAndRegistersNothing(String format, String field, String from, String to) throws Exception {
        Credential oauthOnly = HELD.toBuilder().grants(Grant.CLIENT_CREDENTIALS).clientId("oauth-only").build();
        ims.register(oauthOnly);
        try {
            String source = format.equals("aio-properties") ? "oauth-only" : HELD.clientId();
            String file = ims.exportCredential(source, CredentialFileFormat.of(format)).replace("\\/", "/")
                    .replace(from.replace("CLIENT", HELD.clientId()).replace("SECRET", HELD.clientSecret()), to.replace("CLIENT", HELD.clientId()));
            if (format.equals("aio-properties")) {
                file = file.replace("aio_encoded_pkcs8", "x");
            }
            String renamed = file.replace(HELD.clientId(), "should-not-appear").replace("oauth-only", "should-not-appear");
            List<Credential> before = ims.credentials();

            HttpResponse<String> answer = send("POST", admin("credentials/import?format=" + format), renamed);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(JSONObjectUtils.parse(answer.body()).get("reason").toString()).startsWith(field + ":");
            assertThat(ims.credentials()).isEqualTo(before);
            assertThat(ims.credential("should-not-appear")).isEmpty();
        } finally {
            ims.removeCredential("oauth-only");
        }
    }

    @Test
    void everyTruncationOfEveryFormatIsRefusedAsBadInputNeverAsAnotherFailure() {
        List<Credential> before = ims.credentials();
        for (CredentialFileFormat format : CredentialFileFormat.values()) {
            String file = ims.exportCredential(HELD.clientId(), format).replace(HELD.clientId(), "truncated");
            for (int end = 0; end < file.length() - 1; end += 7) {
                String truncated = file.substring(0, end);
                try {
                    ims.importCredentials(truncated, Optional.of(format));
                } catch (IllegalArgumentException expected) {
                    continue;
                } finally {
                    ims.removeCredential("truncated");
                }
                // A properties file cut after a complete line may still describe a credential: only that may pass.
                assertThat(format).as("%s cut at %d was accepted", format, end).isEqualTo(CredentialFileFormat.AIO_PROPERTIES);
            }
        }
        assertThat(ims.credentials()).isEqualTo(before);
    }

    @Test
    void aFileOfNoKnownFormatIs400SayingWhatItIsNot() throws Exception {
        HttpResponse<String> answer = send("POST", admin("credentials/import"), "{\"accessToken\":\"eyJ...\"}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSONObjectUtils.parse(answer.body()).get("reason").toString()).contains("Local Development Access Token");
    }

    private static PrivateKey pkcs1(String pem) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject()).getPrivate();
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

}
