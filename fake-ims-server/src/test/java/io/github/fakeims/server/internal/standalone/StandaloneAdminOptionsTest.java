package io.github.fakeims.server.internal.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The standalone fake's admin API switches: {@code --admin-token}, {@code --no-admin-api} and their environment variables. */
class StandaloneAdminOptionsTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private static StandaloneOptions parse(Map<String, String> env, String... args) {
        return StandaloneOptions.parse(args, env);
    }

    // --- StandaloneOptions ---------------------------------------------------------------------

    @Test
    void byDefaultTheAdminApiIsOnWithoutAToken() {
        StandaloneOptions options = parse(NO_ENV);

        assertThat(options.adminToken()).isEmpty();
        assertThat(options.adminApiOff()).isFalse();
    }

    @Test
    void readsTheAdminTokenInBothOptionForms() {
        assertThat(parse(NO_ENV, "--admin-token", "s3cret").adminToken()).contains("s3cret");
        assertThat(parse(NO_ENV, "--admin-token=s3cret").adminToken()).contains("s3cret");
        assertThat(parse(NO_ENV, "--admin-token=a=b=c").adminToken()).as("only the first = separates").contains("a=b=c");
    }

    @Test
    void rejectsAnAdminTokenOptionWithoutItsValue() {
        assertThatThrownBy(() -> parse(NO_ENV, "--admin-token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--admin-token needs a value");
    }

    @Test
    void readsNoAdminApi() {
        assertThat(parse(NO_ENV, "--no-admin-api").adminApiOff()).isTrue();
        assertThat(parse(NO_ENV, "--port", "0", "--no-admin-api", "--host", "127.0.0.1").adminApiOff()).isTrue();
    }

    @Test
    void refusesAValueGivenToTheNoAdminApiFlag() {
        // --no-admin-api=false reading as "admin API off" would do the opposite of what it says.
        assertThatThrownBy(() -> parse(NO_ENV, "--no-admin-api=false"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--no-admin-api");
    }

    @Test
    void readsTheAdminTokenFromTheEnvironmentTrimmed() {
        assertThat(parse(Map.of("FAKE_IMS_ADMIN_TOKEN", "from-env")).adminToken()).contains("from-env");
        assertThat(parse(Map.of("FAKE_IMS_ADMIN_TOKEN", "  from-env \n")).adminToken()).contains("from-env");
    }

    @Test
    void anEmptyAdminTokenVariableIsUnsetAndABlankOneIsRefused() {
        assertThat(parse(Map.of("FAKE_IMS_ADMIN_TOKEN", "")).adminToken()).isEmpty();
        assertThatThrownBy(() -> parse(Map.of("FAKE_IMS_ADMIN_TOKEN", "   "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FAKE_IMS_ADMIN_TOKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "OFF", "Off", "false", "FALSE", " off "})
    void theEnvironmentTurnsTheAdminApiOff(String value) {
        assertThat(parse(Map.of("FAKE_IMS_ADMIN_API", value)).adminApiOff()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "ON", "true", "True", "", "  "})
    void theEnvironmentLeavesTheAdminApiOnForOnTrueOrBlank(String value) {
        assertThat(parse(Map.of("FAKE_IMS_ADMIN_API", value)).adminApiOff()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "no", "0", "1", "disabled", "of"})
    void rejectsAnyOtherAdminApiValueNamingTheVariableAndTheValue(String value) {
        assertThatThrownBy(() -> parse(Map.of("FAKE_IMS_ADMIN_API", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FAKE_IMS_ADMIN_API")
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void theAdminTokenOptionWinsOverTheEnvironment() {
        StandaloneOptions options = parse(Map.of("FAKE_IMS_ADMIN_TOKEN", "from-env"), "--admin-token", "from-option");

        assertThat(options.adminToken()).contains("from-option");
    }

    @Test
    void theNoAdminApiOptionWinsOverTheEnvironmentSayingOn() {
        StandaloneOptions options = parse(Map.of("FAKE_IMS_ADMIN_API", "on"), "--no-admin-api");

        assertThat(options.adminApiOff()).isTrue();
    }

    @Test
    void ignoresABadAdminApiEnvironmentValueThatAnArgumentOverrides() {
        // As a bad FAKE_IMS_PORT is ignored when --port is given (StandaloneTest).
        assertThatCode(() -> parse(Map.of("FAKE_IMS_ADMIN_API", "bogus"), "--no-admin-api")).doesNotThrowAnyException();
        assertThat(parse(Map.of("FAKE_IMS_ADMIN_API", "bogus"), "--no-admin-api").adminApiOff()).isTrue();
    }

    @Test
    void theAdminSettingsAndTheOtherOptionsDoNotDisturbEachOther() {
        StandaloneOptions options = parse(Map.of("FAKE_IMS_ADMIN_TOKEN", "t", "FAKE_IMS_PORT", "9000"),
                "--host", "0.0.0.0", "--no-admin-api", "--port=0");

        assertThat(options.host()).contains("0.0.0.0");
        assertThat(options.port()).contains(0);
        assertThat(options.adminToken()).contains("t");
        assertThat(options.adminApiOff()).isTrue();
    }

    @Test
    void theUsageDescribesTheAdminOptions() {
        assertThat(Main.USAGE).contains("--admin-token", "--no-admin-api", "FAKE_IMS_ADMIN_TOKEN", "FAKE_IMS_ADMIN_API");
    }

    // --- Main.start ----------------------------------------------------------------------------

    @Test
    void withAnAdminTokenItSaysATokenIsRequiredAndRequiresIt() throws IOException {
        StandaloneOptions options = parse(NO_ENV, "--port", "0", "--demo-dir", dir.resolve("demo").toString(), "--admin-token", "T0ken-xyz");

        try (FakeImsServer server = Main.start(options, out)) {
            assertThat(out()).containsPattern("(?m)^Admin API on /fake-ims/ \\(bearer token required\\)$");
            assertThat(out()).as("the token itself is not printed").doesNotContain("T0ken-xyz");
            assertThat(server.config().adminToken()).contains("T0ken-xyz");
            assertThat(ImsHttp.get(server.baseUrl().resolve("/fake-ims/clock"), null).statusCode()).isEqualTo(401);
            assertThat(ImsHttp.get(server.baseUrl().resolve("/fake-ims/clock"), "T0ken-xyz").statusCode()).isEqualTo(200);
            assertThat(ImsHttp.get(server.baseUrl().resolve("/fake-ims/health"), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withTheAdminTokenFromTheEnvironmentItSaysATokenIsRequired() throws IOException {
        StandaloneOptions options = parse(Map.of("FAKE_IMS_ADMIN_TOKEN", "env-T0ken"), "--port", "0",
                "--demo-dir", dir.resolve("demo").toString());

        try (FakeImsServer server = Main.start(options, out)) {
            assertThat(out()).contains("Admin API on /fake-ims/ (bearer token required)").doesNotContain("env-T0ken");
            assertThat(ImsHttp.get(server.baseUrl().resolve("/fake-ims/clock"), "env-T0ken").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withNoAdminApiItSaysTheAdminApiIsOffAndOnlyHealthAnswers() throws IOException {
        StandaloneOptions options = parse(NO_ENV, "--port", "0", "--demo-dir", dir.resolve("demo").toString(), "--no-admin-api");

        try (FakeImsServer server = Main.start(options, out)) {
            assertThat(out()).containsPattern("(?m)^Admin API off$").doesNotContain("Admin API on");
            assertThat(server.config().adminApi()).isFalse();
            HttpResponse<String> clock = ImsHttp.get(server.baseUrl().resolve("/fake-ims/clock"), null);
            assertThat(clock.statusCode()).isEqualTo(404);
            assertThat(ImsHttp.get(server.baseUrl().resolve("/fake-ims/health"), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withTheEnvironmentSayingOffItSaysTheAdminApiIsOff() throws IOException {
        StandaloneOptions options = parse(Map.of("FAKE_IMS_ADMIN_API", "off"), "--port", "0", "--demo-dir", dir.resolve("demo").toString());

        try (FakeImsServer server = Main.start(options, out)) {
            assertThat(out()).contains("Admin API off");
            assertThat(server.config().adminApi()).isFalse();
        }
    }

    @Test
    void withNeitherItSaysTheAdminApiIsOnWithoutAToken() throws IOException {
        StandaloneOptions options = parse(NO_ENV, "--port", "0", "--demo-dir", dir.resolve("demo").toString());

        try (FakeImsServer server = Main.start(options, out)) {
            assertThat(out()).containsPattern("(?m)^Admin API on /fake-ims/ \\(no token required\\)$");
            assertThat(ImsHttp.get(server.baseUrl().resolve("/fake-ims/clock"), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theBannerPrintsTheConsolesUrlWhichServesTheConsole() throws IOException {
        StandaloneOptions options = parse(NO_ENV, "--port", "0", "--demo-dir", dir.resolve("demo").toString());

        try (FakeImsServer server = Main.start(options, out)) {
            String url = server.baseUrl() + "/fake-ims/console/";
            assertThat(out()).containsPattern("(?m)^Console: open " + java.util.regex.Pattern.quote(url) + " in a browser$");
            assertThat(ImsHttp.get(java.net.URI.create(url), null).body()).contains("<title>Fake IMS console</title>");
        }
        StandaloneOptions off = parse(NO_ENV, "--port", "0", "--demo-dir", dir.resolve("demo2").toString(), "--no-admin-api");
        try (FakeImsServer server = Main.start(off, out)) {
            assertThat(out()).containsOnlyOnce("Console: open");
        }
    }

    @Test
    void theAdminLineComesAfterTheListeningLine() throws IOException {
        StandaloneOptions options = parse(NO_ENV, "--port", "0", "--demo-dir", dir.resolve("demo").toString(), "--no-admin-api");

        try (FakeImsServer server = Main.start(options, out)) {
            assertThat(out().indexOf("Admin API off")).isGreaterThan(out().indexOf("Fake IMS listening on"));
        }
    }

    @Test
    void aConfigFilesAdminSettingsAreUsedAndTheOptionsWinOverThem() throws IOException {
        Path config = writeConfig("\"adminToken\":\"from-file\"");

        try (FakeImsServer fromFile = Main.start(parse(NO_ENV, "--port", "0", "--config", config.toString()), out)) {
            assertThat(out()).contains("Admin API on /fake-ims/ (bearer token required)");
            assertThat(fromFile.config().adminToken()).contains("from-file");
        }
        try (FakeImsServer overridden = Main.start(parse(NO_ENV, "--port", "0", "--config", config.toString(),
                "--admin-token", "from-option"), out)) {
            assertThat(overridden.config().adminToken()).contains("from-option");
        }
        try (FakeImsServer off = Main.start(parse(NO_ENV, "--port", "0", "--config", config.toString(), "--no-admin-api"), out)) {
            assertThat(off.config().adminApi()).isFalse();
            assertThat(out()).contains("Admin API off");
        }
    }

    @Test
    void aConfigFileCanTurnTheAdminApiOff() throws IOException {
        Path config = writeConfig("\"adminApi\":false");

        try (FakeImsServer server = Main.start(parse(NO_ENV, "--port", "0", "--config", config.toString()), out)) {
            assertThat(out()).contains("Admin API off");
            assertThat(server.config().adminApi()).isFalse();
        }
    }

    private Path writeConfig(String adminSetting) throws IOException {
        Files.writeString(dir.resolve("cert.pem"), X509CertUtils.toPEMString(TestKeys.certificate(TestKeys.KEYS)));
        return Files.writeString(dir.resolve("fake-ims.json"), """
                {%s,"credentials":[{"clientId":"admin-options-client","clientSecret":"p8e-secret","orgId":"ABC123@AdobeOrg",
                  "technicalAccountId":"DEF456@techacct.adobe.com","metascopes":["ent_user_sdk"],
                  "scopes":["openid"],"certificates":["cert.pem"]}]}""".formatted(adminSetting));
    }
}
