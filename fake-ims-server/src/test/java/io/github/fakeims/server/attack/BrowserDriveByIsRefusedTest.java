package io.github.fakeims.server.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpServer;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.internal.config.ConfigJson;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drive-by as it happens: a real headless Chromium opens a page of another origin (another port
 * of 127.0.0.1, a "same-site" page) that posts to the fake's admin API with a form
 * ({@code enctype=text/plain}) and with preflight-free {@code fetch}es. Nothing may change. Needs
 * {@code /usr/bin/chromium} ({@code .ci/run} installs it).
 */
class BrowserDriveByIsRefusedTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void aPageOfAnotherOriginCannotChangeTheFake(@TempDir Path profile) throws Exception {
        assertThat(CHROMIUM).as("Chromium (apt-get install chromium)").exists();
        try (FakeImsServer ims = AttackKit.startServer()) {
            String fake = ims.baseUrl().toString();
            String credential = JSONObjectUtils.toJSONString(ConfigJson.toJson(TestCredentials.credential()));
            String page = """
                    <html><body>
                    <form id="f" method="POST" enctype="text/plain" action="FAKE/fake-ims/faults">
                      <input name='{"status":503,"times":1000,"clientId":"a' value='b"}'>
                    </form>
                    <script>
                      const post = (path, body, type) => fetch("FAKE" + path, {method: "POST", mode: "no-cors",
                          headers: type ? {"Content-Type": type} : {}, body: body}).catch(() => {});
                      post("/fake-ims/credentials", CREDENTIAL, "text/plain");
                      post("/fake-ims/clock/fix", '{"instant":"2031-01-01T00:00:00Z"}', "text/plain");
                      post("/fake-ims/faults", '{"status":503,"times":1000}', "application/x-www-form-urlencoded");
                      fetch("FAKE/fake-ims/credentials", {method: "POST", headers: {"Content-Type": "application/json"},
                          body: CREDENTIAL}).catch(() => {});
                      post("/ims/token/v3", "grant_type=client_credentials&client_id=browser-was-here", "application/x-www-form-urlencoded");
                      document.getElementById("f").submit();
                    </script>
                    </body></html>
                    """.replace("FAKE", fake).replace("CREDENTIAL", JSONObjectUtils.toJSONString(java.util.Map.of("c", credential))
                    .replaceFirst("^\\{\"c\":", "").replaceFirst("}$", ""));
            HttpServer attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            attacker.createContext("/", exchange -> {
                byte[] body = page.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            attacker.start();
            try {
                Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-dev-shm-usage", "--no-first-run", "--no-proxy-server", "--user-data-dir=" + profile, "--timeout=3000",
                        "--dump-dom", "http://127.0.0.1:" + attacker.getAddress().getPort() + "/"))
                        .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
                boolean exited = chromium.waitFor(60, TimeUnit.SECONDS);
                if (!exited) {
                    chromium.destroyForcibly();
                }
                assertThat(exited).as("Chromium finished; its log: %s", Files.readString(profile.resolve("chromium.log"))).isTrue();
            } finally {
                attacker.stop(0);
            }

            // the page did reach the fake (its IMS request is journaled; admin requests are not)
            assertThat(ims.journal().entries()).anyMatch(entry -> entry.clientId().orElse("").equals("browser-was-here"));
            assertThat(ims.credentials()).as("credentials registered by the page").isEmpty();
            assertThat(ims.faults().pending()).as("faults added by the page").isEmpty();
            assertThat(ims.clock().isFixed()).as("the clock fixed by the page").isFalse();
        }
    }
}
