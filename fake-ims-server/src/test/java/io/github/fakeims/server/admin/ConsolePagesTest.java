package io.github.fakeims.server.admin;

import static io.github.fakeims.server.admin.AdminWire.assertAdminError;
import static io.github.fakeims.server.admin.AdminWire.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.TestCredentials;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The console's files over HTTP: served from the jar with a strict policy, off with the admin API, data only with the token. */
class ConsolePagesTest {

    private static final List<String> FILES = List.of("", "index.html", "console.js", "console-logic.mjs", "console.css");

    @ParameterizedTest
    @ValueSource(strings = {"", "index.html", "console.js", "console-logic.mjs", "console.css"})
    void everyFileIsServedWithAStrictContentSecurityPolicy(String file) {
        try (FakeImsServer server = FakeImsServer.start()) {
            HttpResponse<String> response = send(server.baseUrl(), "GET", "/fake-ims/console/" + file, "");

            assertThat(response.statusCode()).isEqualTo(200);
            String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(policy).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(response.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith(
                    file.endsWith(".css") ? "text/css" : file.endsWith("js") ? "text/javascript" : "text/html");
        }
    }

    @Test
    void thePageRunsOnlyItsOwnScriptsAndLoadsNothingFromElsewhere() {
        try (FakeImsServer server = FakeImsServer.start()) {
            String html = send(server.baseUrl(), "GET", "/fake-ims/console/", "").body();

            Matcher scripts = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
            int count = 0;
            while (scripts.find()) {
                count++;
                assertThat(scripts.group(1)).as("script tag").contains("src=\"console.js\"");
                assertThat(scripts.group(2)).as("inline script").isBlank();
            }
            assertThat(count).isEqualTo(1);
            assertThat(html).doesNotContainPattern("\\son[a-z]+=").doesNotContainPattern("(src|href)=\"(https?:)?//");
            for (String file : FILES) {
                assertThat(send(server.baseUrl(), "GET", "/fake-ims/console/" + file, "").body())
                        .doesNotContainPattern("(import|from)\\s+['\"](https?:)?//").doesNotContain("eval(", "innerHTML");
            }
        }
    }

    @Test
    void withoutTheTrailingSlashTheConsoleRedirectsToIt() {
        try (FakeImsServer server = FakeImsServer.start()) {
            HttpResponse<String> response = send(server.baseUrl(), "GET", "/fake-ims/console", "");

            assertThat(response.statusCode()).isEqualTo(308);
            assertThat(response.headers().firstValue("Location")).contains("/fake-ims/console/");
        }
    }

    @Test
    void anUnknownFileOrAWriteIsAnAdminError() {
        try (FakeImsServer server = FakeImsServer.start()) {
            assertThat(assertAdminError(send(server.baseUrl(), "GET", "/fake-ims/console/secrets.json", ""), 404, "not_found")
                    .get("reason")).asString().contains("/fake-ims/console/");
            assertThat(assertAdminError(send(server.baseUrl(), "GET", "/fake-ims/console/../credentials", ""), 404, "not_found"))
                    .isNotNull();
            assertAdminError(send(server.baseUrl(), "POST", "/fake-ims/console/", "{}"), 405, "method_not_allowed");
        }
    }

    @Test
    void withTheAdminApiOffTheConsoleIsOff() {
        try (FakeImsServer server = FakeImsServer.start(FakeImsConfig.builder().adminApi(false).build())) {
            for (String file : FILES) {
                assertAdminError(send(server.baseUrl(), "GET", "/fake-ims/console/" + file, ""), 404, "not_found");
            }
        }
    }

    @Test
    void withAnAdminTokenTheFilesNeedNoneButEveryDatumDoes() {
        io.github.fakeims.server.Credential credential = TestCredentials.credential();
        FakeImsConfig config = FakeImsConfig.builder().credential(credential).adminToken("console-token").build();
        try (FakeImsServer server = FakeImsServer.start(config)) {
            for (String file : FILES) {
                HttpResponse<String> page = send(server.baseUrl(), "GET", "/fake-ims/console/" + file, "");
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).doesNotContain(credential.clientId());
            }
            assertAdminError(send(server.baseUrl(), "GET", "/fake-ims/credentials", ""), 401, "unauthorized");
            assertAdminError(send(server.baseUrl(), "POST", "/fake-ims/credentials/generate", ""), 401, "unauthorized");
            assertThat(server.credentials()).hasSize(1);
            assertThat(send(server.baseUrl(), "GET", "/fake-ims/credentials", "", "Bearer console-token").statusCode()).isEqualTo(200);
        }
    }
}
