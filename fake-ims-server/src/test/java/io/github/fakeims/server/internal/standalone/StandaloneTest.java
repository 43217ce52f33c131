package io.github.fakeims.server.internal.standalone;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.StandaloneJvm;
import io.github.fakeims.server.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone fake: its command line, its start-up output, the demo credential and a real JVM process. */
class StandaloneTest {

    private static final Pattern LISTENING = Pattern.compile("Fake IMS listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path dir;

    // --- StandaloneOptions ---------------------------------------------------------------------

    @Test
    void readsHostPortAndConfigFromTheEnvironment() {
        StandaloneOptions options = StandaloneOptions.parse(new String[0],
                Map.of("FAKE_IMS_HOST", "0.0.0.0", "FAKE_IMS_PORT", " 9000 ", "FAKE_IMS_CONFIG", "/etc/fake-ims.json"));

        assertThat(options.host()).contains("0.0.0.0");
        assertThat(options.port()).contains(9000);
        assertThat(options.config()).contains(Path.of("/etc/fake-ims.json"));
        assertThat(options.help()).isFalse();
    }

    @Test
    void letsArgumentsWinOverTheEnvironment() {
        Map<String, String> env = Map.of("FAKE_IMS_HOST", "0.0.0.0", "FAKE_IMS_PORT", "9000", "FAKE_IMS_CONFIG", "env.json");

        StandaloneOptions options = StandaloneOptions.parse(
                new String[] {"--host", "127.0.0.2", "--port=9", "--config=args.json"}, env);

        assertThat(options.host()).contains("127.0.0.2");
        assertThat(options.port()).contains(9);
        assertThat(options.config()).contains(Path.of("args.json"));
    }

    @Test
    void acceptsBothTheEqualsAndTheSeparateValueForm() {
        assertThat(StandaloneOptions.parse(new String[] {"--port=9"}, NO_ENV).port()).contains(9);
        assertThat(StandaloneOptions.parse(new String[] {"--port", "9"}, NO_ENV).port()).contains(9);
        assertThat(StandaloneOptions.parse(new String[] {"--demo-dir", "/x/demo"}, NO_ENV).demoDir()).isEqualTo(Path.of("/x/demo"));
        assertThat(StandaloneOptions.parse(new String[] {"--demo-dir=/x/demo"}, NO_ENV).demoDir()).isEqualTo(Path.of("/x/demo"));
    }

    @Test
    void ignoresABadEnvironmentPortThatAnArgumentOverrides() {
        StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "0"}, Map.of("FAKE_IMS_PORT", "abc"));

        assertThat(options.port()).contains(0);
    }

    @Test
    void ignoresBlankEnvironmentValuesAndHasDefaults() {
        StandaloneOptions options = StandaloneOptions.parse(new String[0],
                Map.of("FAKE_IMS_HOST", " ", "FAKE_IMS_PORT", "", "FAKE_IMS_CONFIG", "  "));

        assertThat(options.host()).isEmpty();
        assertThat(options.port()).isEmpty();
        assertThat(options.config()).isEmpty();
        assertThat(options.demoDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "fake-ims-demo"));
    }

    @Test
    void recognisesHelpInBothSpellings() {
        assertThat(StandaloneOptions.parse(new String[] {"--help"}, NO_ENV).help()).isTrue();
        assertThat(StandaloneOptions.parse(new String[] {"-h"}, NO_ENV).help()).isTrue();
    }

    @Test
    void rejectsAnUnknownOptionNamingIt() {
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--port", "0", "--verbose"}, NO_ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option")
                .hasMessageContaining("--verbose");
    }

    @Test
    void rejectsAPortThatIsNotANumberOrOutOfRange() {
        for (String port : List.of("abc", "70000", "-1", "8080x")) {
            assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--port=" + port}, NO_ENV))
                    .as("--port=%s", port)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("port")
                    .hasMessageContaining("'" + port + "'");
        }
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[0], Map.of("FAKE_IMS_PORT", "http")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port")
                .hasMessageContaining("http");
    }

    @Test
    void rejectsAnOptionWithoutItsValue() {
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--config"}, NO_ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--config needs a value");
    }

    // --- Main.run ------------------------------------------------------------------------------

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aToolNameRunsTheToolInsteadOfTheFake() {
        int status = Main.run(new String[] {"verify-jwt", "--help"}, NO_ENV, out, err);

        assertThat(status).isZero();
        assertThat(out()).contains("verify-jwt", "--certificate").doesNotContain("Fake IMS listening");
        assertThat(Main.USAGE).contains("keygen", "jwt", "curl", "verify-jwt");
    }

    @Test
    void printsTheUsageForHelpAndSucceedsWithoutStarting() {
        int status = Main.run(new String[] {"--help"}, NO_ENV, out, err);

        assertThat(status).isZero();
        assertThat(out()).isEqualTo(Main.USAGE).contains("--port", "--config", "--host", "--demo-dir");
        assertThat(out()).doesNotContain("Fake IMS listening");
        assertThat(err()).isEmpty();
    }

    @Test
    void failsWithTheUsageOnAnUnknownOption() {
        int status = Main.run(new String[] {"--prot", "8080"}, NO_ENV, out, err);

        assertThat(status).isNotZero();
        assertThat(err()).contains("unknown option --prot").contains("Usage:");
        assertThat(out()).isEmpty();
    }

    @Test
    void failsNamingTheFieldWhenTheConfigFileIsMalformed() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.json"), badConfig());

        int status = Main.run(new String[] {"--port", "0", "--config", config.toString()}, NO_ENV, out, err);

        assertThat(status).isNotZero();
        assertThat(err()).contains("credentials[0].orgId");
        assertThat(out()).doesNotContain("Fake IMS listening");
    }

    @Test
    void failsNamingTheFileWhenTheConfigFileDoesNotExist() {
        Path missing = dir.resolve("missing.json");

        int status = Main.run(new String[] {"--port", "0"}, Map.of("FAKE_IMS_CONFIG", missing.toString()), out, err);

        assertThat(status).isNotZero();
        assertThat(err()).contains(missing.toString());
        assertThat(out()).doesNotContain("Fake IMS listening");
    }

    // --- Main.start ----------------------------------------------------------------------------

    private static int listeningPort(String output) {
        Matcher matcher = LISTENING.matcher(output);
        assertThat(matcher.find()).as("a listening line in:%n%s", output).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    @Test
    void startsWithTheDemoCredentialAndWritesItsKeyCertificateAndScript() throws Exception {
        Path demoDir = dir.resolve("demo");
        StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "0", "--demo-dir", demoDir.toString()}, NO_ENV);

        try (FakeImsServer server = Main.start(options, out)) {
            String output = out();
            assertThat(output).contains(DemoCredential.CLIENT_ID, DemoCredential.CLIENT_SECRET, DemoCredential.ORG_ID,
                    DemoCredential.TECHNICAL_ACCOUNT_ID, DemoCredential.METASCOPE);
            assertThat(output).containsPattern("(?m)^Fake IMS listening on http://127\\.0\\.0\\.1:" + server.port() + "$");
            assertThat(listeningPort(output)).isEqualTo(server.port()).isPositive();
            assertThat(server.credential(DemoCredential.CLIENT_ID)).isPresent();
            assertThat(demoDir.resolve("private.key")).content().contains("PRIVATE KEY");
            assertThat(demoDir.resolve("certificate.pem")).content().contains("BEGIN CERTIFICATE");
            assertThat(demoDir.resolve("exchange.sh")).content()
                    .contains(server.baseUrl().toString(), DemoCredential.CLIENT_ID, "/ims/exchange/jwt");
            assertThat(X509CertUtils.parse(Files.readString(demoDir.resolve("certificate.pem")))).isNotNull();
        }
    }

    @Test
    void theDemoScriptExchangesAJwtForAnAccessTokenWithOpensslAndCurl() throws Exception {
        try (FakeImsServer server = startWithDemoScriptTools()) {
            ScriptRun run = runExchangeScript(Map.of());

            assertThat(run.exitCode()).as(run.printed()).isZero();
            Map<String, Object> body = JSONObjectUtils.parse(run.printed().trim());
            assertThat(body).containsEntry("token_type", "bearer").containsKey("access_token");
            assertThat((String) body.get("access_token")).isNotBlank();
        }
    }

    @Test
    void theDemoScriptWithABrokenAudPrintsTheStatusAndTheFakesReason() throws Exception {
        try (FakeImsServer server = startWithDemoScriptTools()) {
            ScriptRun run = runExchangeScript(Map.of("AUD_CLIENT_ID", "other-client"));

            assertThat(run.exitCode()).as(run.printed()).isEqualTo(1);
            assertThat(run.printed().lines()).containsExactly(
                    "HTTP/1.1 400 Bad Request",
                    "X-fake-ims-reason: aud was " + server.baseUrl() + "/c/other-client, expected " + server.baseUrl()
                            + "/c/" + DemoCredential.CLIENT_ID + " (the client_id of the request)",
                    "{\"error_description\":\"invalid client_id parameter\",\"error\":\"invalid_client\"}");
        }
    }

    @Test
    void theDemoScriptWithAPastExpiryIsToldTheJwtExpired() throws Exception {
        try (FakeImsServer server = startWithDemoScriptTools()) {
            ScriptRun run = runExchangeScript(Map.of("EXPIRES_IN", "-3600"));

            assertThat(run.exitCode()).as(run.printed()).isEqualTo(1);
            assertThat(run.printed()).startsWith("HTTP/1.1 400 Bad Request\nX-fake-ims-reason: ")
                    .contains("\"error\":\"invalid_token\"", "JWT token has expired.");
        }
    }

    private record ScriptRun(int exitCode, String printed) {
    }

    private FakeImsServer startWithDemoScriptTools() throws Exception {
        Assumptions.assumeTrue(onPath("sh") && onPath("openssl") && onPath("curl"), "needs sh, openssl and curl on the PATH");
        String[] args = {"--port=0", "--demo-dir=" + dir.resolve("demo")};
        return Main.start(StandaloneOptions.parse(args, NO_ENV), out);
    }

    private ScriptRun runExchangeScript(Map<String, String> environment) throws Exception {
        Path demoDir = dir.resolve("demo");
        Path output = dir.resolve("exchange.out");
        ProcessBuilder builder = new ProcessBuilder("sh", demoDir.resolve("exchange.sh").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().remove("FAKE_IMS_URL");
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(30, SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertThat(finished).as("exchange.sh finished in time; printed:%n%s", printed).isTrue();
        return new ScriptRun(process.exitValue(), printed);
    }

    @Test
    void startsWithTheConfigFilesCredentialsAndNoDemo() throws Exception {
        Path config = writeConfig(dir, "from-file");
        Path demoDir = dir.resolve("demo");
        StandaloneOptions options = StandaloneOptions.parse(
                new String[] {"--port", "0", "--config", config.toString(), "--demo-dir", demoDir.toString()}, NO_ENV);

        try (FakeImsServer server = Main.start(options, out)) {
            assertThat(server.credential("from-file")).isPresent();
            assertThat(server.credential(DemoCredential.CLIENT_ID)).isEmpty();
            assertThat(out()).doesNotContain(DemoCredential.CLIENT_ID);
            assertThat(listeningPort(out())).isEqualTo(server.port());
            assertThat(demoDir).doesNotExist();
        }
    }

    // --- a separate JVM ------------------------------------------------------------------------

    @Test
    void aSeparateJvmServesUntilSigtermAndThenSaysItStopped() throws Exception {
        Path config = writeConfig(dir, "subprocess-client");
        Process process = startJvm("--port", "0", "--config", config.toString());
        try {
            StandaloneJvm.Output output = StandaloneJvm.Output.of(process);
            String listening = output.await(line -> LISTENING.matcher(line).find(), 30_000);
            assertThat(listening).as("stdout so far: %s", output.seen()).isNotNull();
            Matcher matcher = LISTENING.matcher(listening);
            assertThat(matcher.find()).isTrue();
            URI base = URI.create("http://127.0.0.1:" + matcher.group(1));

            HttpResponse<String> health = ImsHttp.get(base.resolve("/fake-ims/health"), null);
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> token = ImsHttp.postForm(base.resolve("/ims/token/v3"), Map.of("grant_type", "client_credentials",
                    "client_id", "subprocess-client", "client_secret", "p8e-secret", "scope", "openid"));
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            assertThat(ImsHttp.json(token)).containsKey("access_token");

            // SIGTERM. Process.destroy() would also close our end of the child's stdout at once, losing
            // what its shutdown hook prints; the handle sends the same signal and leaves the pipe open.
            assertThat(process.toHandle().destroy()).isTrue();

            assertThat(process.waitFor(10, SECONDS)).as("exited within 10 s of SIGTERM").isTrue();
            String stopped = output.await(line -> line.contains("Fake IMS stopped"), 5_000);
            assertThat(stopped).as("stdout: %s", output.seen()).isNotNull();
            assertThat(output.seen()).noneMatch(line -> line.contains(DemoCredential.CLIENT_ID));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aSeparateJvmWithABadConfigExitsNonZeroNamingTheField() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.json"), badConfig());
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process process = StandaloneJvm.command("--port", "0", "--config", config.toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            assertThat(process.waitFor(30, SECONDS)).as("exited in time").isTrue();

            assertThat(process.exitValue()).isNotZero();
            assertThat(Files.readString(stderr)).contains("credentials[0].orgId");
            assertThat(Files.readString(stdout)).doesNotContain("Fake IMS listening");
        } finally {
            process.destroyForcibly();
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** A config with one credential whose certificate is a file next to the config. */
    private static Path writeConfig(Path folder, String clientId) throws IOException {
        Files.writeString(folder.resolve("cert.pem"), X509CertUtils.toPEMString(TestKeys.certificate(TestKeys.KEYS)));
        return Files.writeString(folder.resolve("fake-ims.json"), """
                {"credentials":[{"clientId":"%s","clientSecret":"p8e-secret","orgId":"ABC123@AdobeOrg",
                  "technicalAccountId":"DEF456@techacct.adobe.com","metascopes":["ent_user_sdk"],
                  "scopes":["openid","AdobeID"],"certificates":["cert.pem"]}]}""".formatted(clientId));
    }

    private static String badConfig() {
        return """
                {"credentials":[{"clientId":"c","clientSecret":"s","orgId":"NOT-AN-ORG",
                  "technicalAccountId":"T@techacct.adobe.com","grants":["client_credentials"]}]}""";
    }

    private Process startJvm(String... args) throws IOException {
        return StandaloneJvm.command(args).redirectError(dir.resolve("jvm-stderr.txt").toFile()).start();
    }

    static boolean onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String folder : path.split(File.pathSeparator)) {
            if (!folder.isBlank() && Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }
}
