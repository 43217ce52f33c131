package io.github.fakeims.server.internal.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line as picocli reads it: each mistake names the option, in the fake's words, and exits 2 with the usage. */
class StandaloneCommandLineTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void aFlagGivenAValueIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--no-http=yes"}, NO_ENV))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("option '--no-http' should be specified without 'yes' parameter");
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--help=please"}, NO_ENV))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'--help'").hasMessageContaining("without 'please'");
    }

    @Test
    void aWordThatIsNoOptionIsRefusedAsAnUnexpectedArgument() {
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--port", "0", "serve"}, NO_ENV))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unexpected argument serve");
    }

    @Test
    void theLastOfARepeatedOptionWinsAndRepeatableOnesAddUp() {
        StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "1", "--port=2", "--https-port", "0",
                "--tls-san", "a.test", "--tls-san=b.test", "--import", "x.json", "--import", "y.json"}, Map.of("FAKE_IMS_TLS_SAN", "env.test"));

        assertThat(options.port()).contains(2);
        assertThat(options.tls().subjectAlternativeNames()).containsExactly("env.test", "a.test", "b.test");
        assertThat(options.imports()).hasSize(2);
    }

    @Test
    void aMissingValueExitsWithStatus2AndTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--tls-dir"}, NO_ENV, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("fake-ims: --tls-dir needs a value").contains("Usage: java -jar");
    }
}
