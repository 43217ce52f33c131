package io.github.fakeims.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import io.github.fakeims.server.ServiceAccountJwt;
import io.github.fakeims.server.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real headless Chromium, only through the page: a generated key pair, a JWT signed in
 * the page, "Try it", a broken claim and its reason in the journal, a fault applied, the admin token.
 * What the page did is checked on the fake itself.
 */
class ConsoleBrowserTest {

    private static HeadlessChromium browser;
    private FakeImsServer server;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private void open(FakeImsConfig config) {
        server = FakeImsServer.start(config);
        browser.driver.get(server.baseUrl() + "/fake-ims/console/");
    }

    @Test
    void fromAGeneratedKeyPairToATokenAndToARefusedJwtWithItsReasonAndAFaultApplied() throws Exception {
        open(FakeImsConfig.defaults());

        // Credentials: generate a key pair, as Console does; the browser downloads both files.
        browser.showing("#credential-list", "No credential yet");
        browser.click("#show-create");
        browser.click("#create-button");
        browser.visible("#generated-panel");
        assertThat(server.credentials()).hasSize(1);
        Credential credential = server.credentials().get(0);
        browser.showing("#credential-detail h2", credential.clientId());
        assertThat(browser.driver.findElement(By.id("detail-secret")).getText()).doesNotContain(credential.clientSecret());
        browser.click("#show-secret");
        browser.showing("#detail-secret", credential.clientSecret());
        assertThat(browser.visible("#certificate-list .certificate").getText()).contains("valid", "SHA-256",
                io.github.fakeims.server.internal.Certificates.sha256Fingerprint(credential.certificates().get(0)));
        PrivateKey downloadedKey = privateKey(browser.downloaded("private.key"));
        assertThat(Files.readString(browser.downloaded("certificate_pub.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(server.verifyServiceAccountJwt(ServiceAccountJwt.forCredential(credential, server.baseUrl())
                .signedWith(downloadedKey).serialize(), credential.clientId()).accepted())
                .as("the downloaded private.key belongs to the registered certificate").isTrue();
        browser.screenshot("1-credential-generated");

        // Generate JWT with the key just made, signed in the page; the fake accepts it.
        browser.click("#generated-to-jwt");
        browser.click("#jwt-generate");
        String jwt = browser.visible("#jwt-token").getAttribute("value");
        assertThat(server.verifyServiceAccountJwt(jwt, credential.clientId()).accepted()).isTrue();
        assertThat(browser.driver.findElement(By.id("jwt-decoded-claims")).getText()).contains("iss", credential.orgId());
        assertThat(browser.driver.findElement(By.id("jwt-curl")).getText())
                .contains(server.baseUrl() + "/ims/exchange/jwt", "client_id=" + credential.clientId(), "jwt_token=" + jwt);

        // Try it: the exchange, answered with a token.
        browser.click("#jwt-try");
        browser.showing("#jwt-answer-status", "200");
        assertThat(browser.driver.findElement(By.id("jwt-answer-body")).getText()).contains("access_token");
        assertThat(server.journal().entries(JournalFilter.of(ImsEndpoint.JWT_EXCHANGE).succeeded())).hasSize(1);
        browser.screenshot("2-jwt-tried");

        // Break a claim: refused, and the journal view says which claim and why.
        new Select(browser.driver.findElement(By.id("jwt-break"))).selectByValue("audience");
        browser.valueShowing("#jwt-claims", "another-client-id");
        browser.click("#jwt-generate");
        browser.click("#jwt-try");
        browser.showing("#jwt-answer-status", "400");
        browser.showing("#jwt-answer-reason", "aud was");
        browser.click("#tabs button[data-tab=journal]");
        WebElement refused = browser.visible("#journal-list li.entry.failed");
        refused.findElement(By.tagName("summary")).click();
        assertThat(refused.findElement(By.cssSelector("tr.reason")).getText()).contains("aud was", "another-client-id");
        assertThat(refused.findElements(By.cssSelector("tr.failing th"))).extracting(WebElement::getText).containsExactly("aud");
        JournalEntry journaled = server.journal().entries(JournalFilter.all().failed()).get(0);
        assertThat(refused.getText()).contains(journaled.debugId(), "invalid_client");
        browser.screenshot("3-journal-refused-claim"); // the README's docs/console.png

        // Faults: a 429 on the exchange, applied to the next "Try it" and shown in the journal.
        browser.click("#tabs button[data-tab=control]");
        browser.click("#fault-add");
        browser.showing("#fault-list", "status 429");
        assertThat(server.faults().pending()).hasSize(1);
        browser.click("#tabs button[data-tab=jwt]");
        browser.click("#jwt-reset-claims");
        browser.click("#jwt-generate");
        browser.click("#jwt-try");
        browser.showing("#jwt-answer-status", "429");
        browser.click("#tabs button[data-tab=journal]");
        WebElement faulted = browser.visible("#journal-list li.entry.failed");
        browser.showing("#journal-list li.entry.failed summary", "fault:");
        assertThat(faulted.getAttribute("data-sequence")).isEqualTo(Long.toString(server.journal().entries().get(2).sequence()));
        assertThat(server.journal().entries().get(2).fault()).isPresent();
        assertThat(server.faults().pending()).isEmpty();

        browser.click("#tabs button[data-tab=credentials]");
        browser.screenshot("4-credentials");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withAnAdminTokenThePageAsksForItAndLoadsNothingWithoutIt() {
        Credential configured = TestCredentials.credential();
        open(FakeImsConfig.builder().credential(configured).adminToken("console-admin-token").build());

        browser.visible("#login");
        assertThat(browser.driver.findElement(By.id("app")).isDisplayed()).isFalse();
        assertThat(browser.all("#credential-list li")).isEmpty();
        assertThat(browser.driver.getPageSource()).doesNotContain(configured.clientId());

        browser.visible("#admin-token").sendKeys("not-the-token");
        browser.click("#login-button");
        browser.showing("#login-error", "not the admin token");
        assertThat(browser.driver.getPageSource()).doesNotContain(configured.clientId());

        browser.visible("#admin-token").sendKeys("console-admin-token");
        browser.click("#login-button");
        browser.showing("#credential-list", configured.clientId());
        Object stored = browser.driver.executeScript(
                "return [sessionStorage.getItem('fake-ims-admin-token'), localStorage.length, document.cookie]");
        assertThat((List<Object>) stored).containsExactly("console-admin-token", 0L, "");
        browser.screenshot("5-after-admin-token");
    }

    private static PrivateKey privateKey(Path file) throws Exception {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
