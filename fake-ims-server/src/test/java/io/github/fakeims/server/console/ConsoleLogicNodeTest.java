package io.github.fakeims.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the unit tests of the console's page logic ({@code src/test/js/*.test.mjs}) with Node's own test
 * runner, so every Maven build runs them. Without Node 18+ they are skipped with the reason, unless
 * {@code FAKE_IMS_REQUIRE_BROWSER=true} (the console's tools are required: {@code .ci/run} sets it).
 */
class ConsoleLogicNodeTest {

    @Test
    void pageLogicPassesItsNodeTests() throws IOException, InterruptedException {
        Path node = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(folder -> Path.of(folder, "node")).filter(Files::isExecutable).findFirst().orElse(null);
        if (node == null) {
            String reason = "the console's page logic is tested with Node 18+ (node --test), and node is not on the PATH: "
                    + "apt-get install nodejs";
            if ("true".equalsIgnoreCase(System.getenv(HeadlessChromium.REQUIRE_BROWSER))) {
                fail(reason + " (" + HeadlessChromium.REQUIRE_BROWSER + "=true)");
            }
            Assumptions.abort(reason);
        }
        Process process = new ProcessBuilder(node.toString(), "--test", "--test-reporter=tap", "src/test/js/")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("node --test finished").isTrue();

        assertThat(process.exitValue()).as("node --test src/test/js/ failed:%n%s", output).isZero();
        assertThat(output).contains("# fail 0").containsPattern("# pass [1-9]");
    }
}
