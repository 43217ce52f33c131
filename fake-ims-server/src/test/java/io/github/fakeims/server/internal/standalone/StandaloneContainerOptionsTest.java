package io.github.fakeims.server.internal.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.TestCredentials;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the image relies on: the configuration as JSON in the environment, and the healthcheck subcommand. */
class StandaloneContainerOptionsTest {

    private static final String[] NO_ARGS = new String[0];

    @Test
    void theConfigurationCanComeAsJsonInTheEnvironment() throws Exception {
        var credential = TestCredentials.credential();
        String json = FakeImsConfig.builder().credential(credential).journalSize(7).build().toJson();
        StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "0"}, Map.of("FAKE_IMS_CONFIG_JSON", json));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (FakeImsServer server = Main.start(options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(server.credentials()).containsExactly(credential);
            assertThat(server.config().journalSize()).isEqualTo(7);
            assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("demo credential").contains("Fake IMS listening on");
        }
    }

    @Test
    void aConfigFileAndJsonInTheEnvironmentAtOnceAreRefusedButAConfigOptionWins() {
        assertThatThrownBy(() -> StandaloneOptions.parse(NO_ARGS, Map.of("FAKE_IMS_CONFIG", "a.json", "FAKE_IMS_CONFIG_JSON", "{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FAKE_IMS_CONFIG and FAKE_IMS_CONFIG_JSON");
        StandaloneOptions options = StandaloneOptions.parse(new String[] {"--config", "b.json"}, Map.of("FAKE_IMS_CONFIG_JSON", "{}"));
        assertThat(options.config()).contains(Path.of("b.json"));
        assertThat(options.configJson()).isEmpty();
    }

    @Test
    void badJsonInTheEnvironmentFailsTheStartNamingTheField() {
        StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "0"},
                Map.of("FAKE_IMS_CONFIG_JSON", "{\"journalSize\": \"many\"}"));

        assertThatThrownBy(() -> Main.start(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("journalSize");
    }

    @Test
    void theHealthcheckPassesOnlyWhenTheFakeAnswers() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (FakeImsServer server = FakeImsServer.start()) {
            assertThat(Healthcheck.run(Map.of("FAKE_IMS_PORT", Integer.toString(server.port())), new PrintStream(err))).isZero();
        }
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        assertThat(Healthcheck.run(Map.of("FAKE_IMS_PORT", Integer.toString(freePort)), new PrintStream(err))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("fake-ims healthcheck:");
    }
}
