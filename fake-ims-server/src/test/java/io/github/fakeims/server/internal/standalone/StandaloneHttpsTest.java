package io.github.fakeims.server.internal.standalone;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.CredentialFileFormat;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.FakeImsTls;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.internal.tls.Keytool;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone fake over HTTPS: its options, its banner and CA files, an https-only curl, and --import. */
class StandaloneHttpsTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);

    @Test
    void readsTheHttpsOptionsFromTheEnvironmentAndLetsArgumentsWin() {
        StandaloneOptions.Tls fromEnv = StandaloneOptions.parse(new String[0], Map.of("FAKE_IMS_HTTPS_PORT", "8443", "FAKE_IMS_HTTP", "off")).tls();
        StandaloneOptions.Tls fromArgs = StandaloneOptions.parse(new String[] {"--https-port=9443", "--tls-san", "a.test", "--tls-san=b.test"},
                Map.of("FAKE_IMS_HTTPS_PORT", "8443")).tls();

        assertThat(fromEnv.httpsPort()).contains(8443);
        assertThat(fromEnv.httpOff()).isTrue();
        assertThat(fromArgs.httpsPort()).contains(9443);
        assertThat(fromArgs.httpOff()).isFalse();
        assertThat(fromArgs.subjectAlternativeNames()).containsExactly("a.test", "b.test");
    }

    @Test
    void refusesOptionsThatCannotWork() {
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--no-http"}, NO_ENV)).hasMessageContaining("--no-http needs --https-port");
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--tls-san", "x"}, NO_ENV)).hasMessageContaining("--tls-san needs --https-port");
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--https-port", "70000"}, NO_ENV)).hasMessageContaining("not a port number");
    }

    @Test
    void anHttpsOnlyFakePrintsItsListenerAndCaFilesAndTheDemoScriptGetsATokenWithCurlTrustingThePrintedCa() throws Exception {
        Path tlsDir = dir.resolve("tls");
        Path demoDir = dir.resolve("demo");
        StandaloneOptions options = StandaloneOptions.parse(new String[] {"--https-port", "0", "--no-http", "--tls-dir", tlsDir.toString(),
                "--demo-dir", demoDir.toString()}, NO_ENV);

        try (FakeImsServer server = Main.start(options, out)) {
            String output = outBytes.toString(StandardCharsets.UTF_8);
            int port = server.httpsPort().getAsInt();
            assertThat(output).containsPattern("(?m)^Fake IMS listening on https://127\\.0\\.0\\.1:" + port + "$")
                    .doesNotContain("listening on http://").contains(tlsDir.resolve("ca.pem").toString(), tlsDir.resolve("truststore.p12").toString());
            assertThat(X509CertUtils.parse(Files.readString(tlsDir.resolve("ca.pem")))).isEqualTo(server.tls().orElseThrow().caCertificate());
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(tlsDir.resolve("truststore.p12"))) {
                trustStore.load(in, FakeImsTls.TRUST_STORE_PASSWORD.toCharArray());
            }
            assertThat(trustStore.getCertificate("fake-ims-ca")).isEqualTo(server.tls().orElseThrow().caCertificate());
            // The demo credential's key is the fake's own: its AEM file can be exported.
            assertThat(server.exportCredential(DemoCredential.CLIENT_ID, CredentialFileFormat.AEM_SERVICE_CREDENTIALS))
                    .contains("\"imsEndpoint\":\"127.0.0.1:" + port + "\"");

            Assumptions.assumeTrue(StandaloneTest.onPath("sh") && StandaloneTest.onPath("openssl") && StandaloneTest.onPath("curl"), "needs sh, openssl and curl on the PATH");
            Process script = new ProcessBuilder("sh", demoDir.resolve("exchange.sh").toString()).redirectErrorStream(true).start();
            String printed = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(script.waitFor(30, SECONDS)).isTrue();
            assertThat(JSONObjectUtils.parse(printed.strip())).as(printed).containsKey("access_token");
        }
    }

    @Test
    void importsTheCredentialFilesGivenWithImportAndStopsNamingTheFieldOfABadOne() throws Exception {
        Credential credential = TestCredentials.credential();
        String aem;
        try (FakeImsServer source = FakeImsServer.start(FakeImsConfig.builder().credential(credential, TestKeys.KEYS.getPrivate())
                .httpsPort(0).build())) {
            aem = source.exportCredential(credential.clientId(), CredentialFileFormat.AEM_SERVICE_CREDENTIALS);
        }
        Path good = Files.writeString(dir.resolve("service-credentials.json"), aem);
        Path bad = Files.writeString(dir.resolve("bad.json"), aem.replace("\"org\"", "\"organization\""));

        try (FakeImsServer server = Main.start(StandaloneOptions.parse(new String[] {"--port", "0", "--config", config().toString(),
                "--import", good.toString()}, NO_ENV), out)) {
            assertThat(server.credential(credential.clientId())).isPresent();
            server.reset();
            assertThat(server.credential(credential.clientId())).as("an imported credential is configuration").isPresent();
        }
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--port", "0", "--config", config().toString(), "--import", bad.toString()}, NO_ENV, out,
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("--import " + bad + ": integration.org: required");
    }

    @Test
    void servesTheUsersOwnKeyStoreWithTlsKeystoreAndNamesTheOptionWhenItCannotBeRead() throws Exception {
        Path store = dir.resolve("own.p12");
        Keytool.run(null, "-genkeypair", "-alias", "own", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=own certificate",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "secret1", "-keypass", "secret1");

        try (FakeImsServer server = Main.start(StandaloneOptions.parse(new String[] {"--port", "0", "--https-port", "0", "--tls-keystore",
                store.toString(), "--tls-dir", dir.resolve("tls").toString(), "--demo-dir", dir.resolve("demo").toString()},
                Map.of("FAKE_IMS_TLS_KEYSTORE_PASSWORD", "secret1")), out)) {
            assertThat(server.tls().orElseThrow().serverCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=own certificate");
            assertThat(X509CertUtils.parse(Files.readString(dir.resolve("tls/ca.pem")))).isEqualTo(server.tls().orElseThrow().caCertificate());
        }
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--port", "0", "--https-port", "0", "--tls-keystore", store.toString(),
                "--tls-keystore-password", "wrong"}, NO_ENV, out, new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("tls-keystore: cannot read " + store);
    }

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("fake-ims.json"), "{\"credentials\":[]}");
    }
}
