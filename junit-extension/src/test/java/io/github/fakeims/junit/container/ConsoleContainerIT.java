package io.github.fakeims.junit.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.junit.FakeImsContainer;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsAdminClient;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import io.github.fakeims.server.console.HeadlessChromium;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console of the image, reached as users reach it: through the container's mapped port, over HTTP and
 * in Debian's headless Chromium (the Host and Origin the page sends are the mapped ones, which the fake's
 * request gate must accept for its own pages).
 */
@RequiresDocker
@Isolated // a browser and a container: beside the other container classes' starts, the page's waits ran out in CI
class ConsoleContainerIT {

    /** The image without a config starts with its demo credential. */
    private static final String DEMO_CLIENT_ID = "fake-ims-demo-client";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();
    private final List<FakeImsContainer> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(FakeImsContainer::stop);
    }

    private FakeImsContainer start(FakeImsContainer container) {
        started.add(container);
        container.start();
        return container;
    }

    @Test
    void theImageServesTheConsoleFromItsJarWithAStrictPolicy() throws Exception {
        URI base = start(new FakeImsContainer(FakeImsImage.name())).getBaseUrl();

        HttpResponse<String> page = get(base, "/fake-ims/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.body()).contains("<script type=\"module\" src=\"console.js\"></script>");
        HttpResponse<String> script = get(base, "/fake-ims/console/console.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(script.body()).contains("from './console-logic.mjs'");
        assertThat(get(base, "/fake-ims/console/console-logic.mjs").body()).contains("export function consoleClaims");
        assertThat(get(base, "/fake-ims/console").headers().firstValue("Location")).contains("/fake-ims/console/");
    }

    @Test
    void inTheBrowserAKeyPairMadeInTheContainerGivesATokenAndARefusedJwtShowsItsReason() {
        FakeImsContainer container = start(new FakeImsContainer(FakeImsImage.name()));
        FakeImsAdminClient admin = container.admin();
        browser.driver().get(container.getBaseUrl() + "/fake-ims/console/");

        browser.showing("#credential-list", DEMO_CLIENT_ID);
        browser.click("#show-create");
        browser.click("#create-button");
        browser.visible("#generated-panel");
        Credential credential = admin.credentials().stream().filter(c -> !c.clientId().equals(DEMO_CLIENT_ID)).findFirst().orElseThrow();
        browser.showing("#credential-detail h2", credential.clientId());
        browser.click("#generated-to-jwt");
        browser.click("#jwt-generate");
        browser.click("#jwt-try");
        browser.showing("#jwt-answer-status", "200");
        assertThat(admin.journal().entries(JournalFilter.of(ImsEndpoint.JWT_EXCHANGE).succeeded())).hasSize(1);

        new Select(browser.driver().findElement(By.id("jwt-break"))).selectByValue("audience");
        browser.valueShowing("#jwt-claims", "another-client-id");
        browser.click("#jwt-generate");
        browser.click("#jwt-try");
        browser.showing("#jwt-answer-status", "400");
        browser.click("#tabs button[data-tab=journal]");
        browser.visible("#tab-journal");
        // as a user looking for it would: only the refused requests (the view reads the journal afresh)
        new Select(browser.driver().findElement(By.id("journal-outcome"))).selectByValue("failed");
        WebElement refused = browser.visible("#journal-list li.entry.failed");
        refused.findElement(By.tagName("summary")).click();
        JournalEntry journaled = admin.journal().entries(JournalFilter.all().failed()).get(0);
        assertThat(refused.findElement(By.cssSelector("tr.reason")).getText()).contains("aud was", "another-client-id");
        assertThat(refused.getText()).contains(journaled.debugId());
        browser.screenshot("container-journal-refused-claim");
    }

    @Test
    void inTheBrowserWithAnAdminTokenThePageAsksForItFirst() {
        FakeImsContainer container = start(new FakeImsContainer(FakeImsImage.name()).withAdminToken("container-admin-token"));
        browser.driver().get(container.getBaseUrl() + "/fake-ims/console/");

        browser.visible("#login");
        assertThat(browser.driver().findElement(By.id("app")).isDisplayed()).isFalse();
        browser.visible("#admin-token").sendKeys("container-admin-token");
        browser.click("#login-button");
        browser.showing("#credential-list", DEMO_CLIENT_ID);
        browser.click("#tabs button[data-tab=control]");
        browser.click("#fault-add");
        browser.showing("#fault-list", "status 429");
        assertThat(container.admin().faults().pending()).hasSize(1);
    }

    private static HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
