package io.github.fakeims.server.internal.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.JournalFilter;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.internal.config.ConfigJson;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's admin API curl commands, run as written against the demo credential (only the port differs). */
class ReadmeAdminCommandsTest {

    private static final Path README = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "README.md");

    @Test
    void theReadmeCurlCommandsWorkAsWritten(@TempDir Path folder) throws Exception {
        assumeThat(new ProcessBuilder("sh", "-c", "command -v curl").start().waitFor()).as("curl on the PATH").isZero();
        List<String> commands = readmeCommands();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(5);
        Files.writeString(folder.resolve("credential.json"), JSONObjectUtils.toJSONString(ConfigJson.toJson(TestCredentials.credential())));

        try (FakeImsServer ims = FakeImsServer.start(FakeImsConfig.builder().credential(DemoCredential.credential()).build())) {
            List<String> outputs = new ArrayList<>();
            for (String command : commands) {
                String local = command.replace("http://127.0.0.1:8080", ims.baseUrl().toString());
                outputs.add(run(local, folder));
            }

            assertThat(outputs.get(1)).as("the token call after scripting two 429s").contains("too_many_requests");
            assertThat(outputs.get(2)).as("the journal of failed token calls").contains("\"status\":429").contains("Retry-After: 3");
            assertThat(ims.journal().entries(JournalFilter.all())).isEmpty(); // reset last
            assertThat(ims.credentials()).containsExactly(DemoCredential.credential());
            assertThat(ims.clock().isFixed()).isFalse();
        }
    }

    private static List<String> readmeCommands() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("<!-- admin-curl:start -->");
        int end = readme.indexOf("<!-- admin-curl:end -->");
        assertThat(start).as("the README's admin-curl block").isNotNegative();
        return readme.substring(start, end).lines().filter(line -> line.startsWith("curl ")).toList();
    }

    private static String run(String command, Path folder) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", command).directory(folder.toFile()).redirectErrorStream(true).start();
        boolean finished = process.waitFor(20, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("exit code of %s; printed:%n%s", command, output).isZero();
        return output;
    }
}
