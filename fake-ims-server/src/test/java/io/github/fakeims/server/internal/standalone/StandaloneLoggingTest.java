package io.github.fakeims.server.internal.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.StandaloneJvm;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone fake, as a container runs it: its log on stdout, in order with the banner, and a stderr kept for failures. */
class StandaloneLoggingTest {

    @Test
    void rejectionsAreLoggedOnStdoutWithTheirDebugIdAndTheStopLineStillComesLast(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process process = StandaloneJvm.command("--port", "0", "--demo-dir", dir.toString()).redirectError(stderr.toFile()).start();
        try {
            StandaloneJvm.Output out = StandaloneJvm.Output.of(process);
            String listening = out.await(line -> line.startsWith("Fake IMS listening on "), 20_000);
            assertThat(listening).as("the banner").isNotNull();
            URI base = URI.create(listening.substring("Fake IMS listening on ".length()).trim());

            HttpResponse<String> refused = ImsHttp.postForm(base.resolve("/ims/token/v3"), Map.of("grant_type", "client_credentials",
                    "client_id", "nobody", "client_secret", "x", "scope", "openid"));
            String debugId = refused.headers().firstValue("x-debug-id").orElseThrow();

            assertThat(out.await(line -> line.contains("x-debug-id " + debugId), 10_000))
                    .as("the rejection's log line on stdout").contains("400 invalid_client").contains("no credential has client_id nobody");
            assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue(); // Process.destroy() would close our end of stdout too
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(out.await(line -> line.equals("Fake IMS stopped"), 5_000)).as("the stop line after the log; seen %s", out.seen()).isNotNull();
            assertThat(Files.readString(stderr)).doesNotContain("x-debug-id");
        } finally {
            process.destroyForcibly();
        }
    }
}
