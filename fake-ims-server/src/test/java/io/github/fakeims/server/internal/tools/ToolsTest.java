package io.github.fakeims.server.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import io.github.fakeims.server.internal.core.PrivateKeyPem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's tools, run as the command line runs them; keygen's output feeds the others. */
class ToolsTest {

    @TempDir
    static Path keys;
    static Credential credential;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = ToolsCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void keygen() throws Exception {
        Run keygen = run("keygen", "--out", keys.toString(), "--subject", "CN=tools test", "--days", "30");
        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        String entry = keygen.out().lines().filter(line -> line.startsWith("{")).findFirst().orElseThrow();
        credential = FakeImsConfig.fromJson("{\"credentials\":[" + entry + "]}").credentials().get(0);
    }

    private List<String> serviceAccount(String imsUrl) {
        return List.of("--ims-url", imsUrl, "--client-id", credential.clientId(), "--org", credential.orgId(),
                "--technical-account", credential.technicalAccountId(), "--metascope", "ent_analytics_bulk_ingest_sdk",
                "--private-key", keys.resolve("private.key").toString());
    }

    private Run tool(String name, List<String> options, String... more) {
        List<String> args = new ArrayList<>(List.of(name));
        args.addAll(options);
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void keygenWritesAKeyAndASelfSignedCertificateAndACredentialTheConfigReads() throws Exception {
        X509Certificate certificate = X509CertUtils.parse(Files.readString(keys.resolve("certificate.pem")));

        assertThat(Files.readString(keys.resolve("private.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=tools test");
        certificate.verify(certificate.getPublicKey());
        assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(30));
        assertThat(credential.certificates()).containsExactly(certificate);
        assertThat(credential.metascopes()).containsExactly("ent_analytics_bulk_ingest_sdk");
    }

    @Test
    void keygenRefusesToOverwriteAKey() {
        Run again = run("keygen", "--out", keys.toString());

        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("private.key exists");
    }

    @Test
    void jwtSignsAConsoleStyleJwtThatVerifyJwtAccepts() throws Exception {
        Run jwt = tool("jwt", serviceAccount("http://127.0.0.1:8080"));
        String token = jwt.out().strip();
        Map<String, Object> claims = SignedJWT.parse(token).getPayload().toJSONObject();

        assertThat(claims).containsEntry("iss", credential.orgId()).containsEntry("sub", credential.technicalAccountId())
                .containsEntry("aud", "http://127.0.0.1:8080/c/" + credential.clientId())
                .containsEntry("http://127.0.0.1:8080/s/ent_analytics_bulk_ingest_sdk", true);
        assertThat((Long) claims.get("exp")).isBetween(Instant.now().plus(Duration.ofHours(24)).getEpochSecond() - 60,
                Instant.now().plus(Duration.ofHours(24)).getEpochSecond());

        Run verify = run("verify-jwt", token, "--certificate", keys.resolve("certificate.pem").toString(),
                "--client-id", credential.clientId(), "--org", credential.orgId(), "--technical-account", credential.technicalAccountId(),
                "--metascope", "ent_analytics_bulk_ingest_sdk");
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("OK: IMS would accept this JWT");
    }

    @Test
    void verifyJwtListsEveryProblemAndExitsNonZero() {
        String token = tool("jwt", serviceAccount("http://127.0.0.1:8080"), "--expires-in", "-3600").out().strip();

        Run verify = run("verify-jwt", token, "--certificate", keys.resolve("certificate.pem").toString(),
                "--client-id", credential.clientId(), "--org", "SOMEONE@AdobeOrg", "--technical-account", credential.technicalAccountId(),
                "--metascope", "ent_campaign_sdk");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("3 problem(s)", "iss was " + credential.orgId(), "JWT token has expired.",
                "metascope(s) [ent_analytics_bulk_ingest_sdk] are not granted");
    }

    @Test
    void curlPrintsACommandThatGetsATokenFromTheFake() throws Exception {
        assumeThat(Path.of("/bin/sh")).exists();
        assumeThat(new ProcessBuilder("sh", "-c", "command -v curl").start().waitFor()).isZero();
        try (FakeImsServer ims = FakeImsServer.start(FakeImsConfig.builder().credential(credential).build())) {
            Run curl = tool("curl", serviceAccount(ims.baseUrl().toString()), "--client-secret", credential.clientSecret());
            assertThat(curl.out()).startsWith("curl -sS -X POST '" + ims.baseUrl() + "/ims/exchange/jwt'");

            Process shell = new ProcessBuilder("sh", "-c", curl.out()).redirectErrorStream(true).start();
            String answer = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(shell.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(JSONObjectUtils.parse(answer)).containsKey("access_token");
        }
    }

    @Test
    void missingOptionsAreNamedAndAKeyOfTheWrongFormatGetsAHint() throws Exception {
        Run missing = run("jwt", "--client-id", "x");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("Missing required options", "--org");

        Path encrypted = keys.resolve("encrypted.key");
        Files.writeString(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        Run wrongFormat = tool("jwt", List.of("--client-id", "x", "--org", "O@AdobeOrg", "--technical-account", "T@techacct.adobe.com",
                "--metascope", "ent_user_sdk", "--private-key", encrypted.toString()));
        assertThat(wrongFormat.exitCode()).isNotZero();
        assertThat(wrongFormat.err()).contains("encrypted.key: an encrypted key", "openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void aPkcs1KeyWithCrlfLineBreaksAsAemHandsItOutSignsAJwtThatVerifyJwtAccepts() throws Exception {
        Path pkcs1 = keys.resolve("aem-pkcs1.key");
        PrivateKey key = PrivateKeyPem.parse(Files.readString(keys.resolve("private.key")));
        Files.writeString(pkcs1, PrivateKeyPem.pkcs1(key, "\r\n"));
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----\r\n");

        List<String> options = new ArrayList<>(serviceAccount("http://127.0.0.1:8080"));
        options.set(options.size() - 1, pkcs1.toString());
        String token = tool("jwt", options).out().strip();

        Run verify = run("verify-jwt", token, "--certificate", keys.resolve("certificate.pem").toString(),
                "--client-id", credential.clientId(), "--org", credential.orgId(), "--technical-account", credential.technicalAccountId(),
                "--metascope", "ent_analytics_bulk_ingest_sdk");
        assertThat(verify.exitCode()).as(verify.out()).isZero();
    }
}
