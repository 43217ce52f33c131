package io.github.fakeims.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import io.github.fakeims.server.ServiceAccountJwt;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real headless Chromium, only through the page: a generated key pair, a JWT signed in
 * the page, "Try it", a broken claim and its reason in the journal, a fault applied, the admin token.
 * What the page did is checked on the fake itself.
 */
class ConsoleBrowserTest {

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();
    private FakeImsServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private void open(FakeImsConfig config) {
        server = FakeImsServer.start(config);
        browser.driver().get(server.baseUrl() + "/fake-ims/console/");
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
        assertThat(browser.driver().findElement(By.id("detail-secret")).getText()).doesNotContain(credential.clientSecret());
        browser.click("#show-secret");
        browser.showing("#detail-secret", credential.clientSecret());
        assertThat(browser.visible("#certificate-list .certificate").getText()).contains("valid", "SHA-256",
                io.github.fakeims.server.internal.core.Certificates.sha256Fingerprint(credential.certificates().get(0)));
        PrivateKey downloadedKey = privateKey(browser.downloaded("private.key"));
        assertThat(Files.readString(browser.downloaded("certificate_pub.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(server.verifyServiceAccountJwt(ServiceAccountJwt.forCredential(credential, server.baseUrl())
                .signedWith(downloadedKey).serialize(), credential.clientId()).accepted())
                .as("the downloaded private.key belongs to the registered certificate").isTrue();
        browser.screenshot("1-credential-generated");

        // Generate JWT with the key just made, signed in the page; the fake accepts it.
        browser.click("#generated-to-jwt");
        browser.click("#jwt-generate");
        browser.valueShowing("#jwt-token", "eyJ"); // signed (WebCrypto answers asynchronously)
        String jwt = browser.visible("#jwt-token").getAttribute("value");
        assertThat(server.verifyServiceAccountJwt(jwt, credential.clientId()).accepted()).isTrue();
        assertThat(browser.driver().findElement(By.id("jwt-decoded-claims")).getText()).contains("iss", credential.orgId());
        assertThat(browser.driver().findElement(By.id("jwt-curl")).getText())
                .contains(server.baseUrl() + "/ims/exchange/jwt", "client_id=" + credential.clientId(), "jwt_token=" + jwt);

        // Try it: the exchange, answered with a token.
        browser.click("#jwt-try");
        browser.showing("#jwt-answer-status", "200");
        assertThat(browser.driver().findElement(By.id("jwt-answer-body")).getText()).contains("access_token");
        assertThat(server.journal().entries(JournalFilter.of(ImsEndpoint.JWT_EXCHANGE).succeeded())).hasSize(1);
        browser.screenshot("2-jwt-tried");

        // Break a claim: refused, and the journal view says which claim and why.
        new Select(browser.driver().findElement(By.id("jwt-break"))).selectByValue("audience");
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
        assertThat(requestedUrls()).as("secrets never in URLs").isNotEmpty()
                .noneMatch(url -> url.contains(credential.clientSecret()) || url.contains(jwt.substring(0, 40)));
    }

    /** Every URL the page fetched (the browser's resource timing). */
    @SuppressWarnings("unchecked")
    private static List<String> requestedUrls() {
        return (List<String>) browser.driver().executeScript(
                "return performance.getEntriesByType('resource').map(entry => entry.name)");
    }

    @Test
    void uploadRotateSignWithAPkcs1KeyDownloadPostmanConvertMoveTheClockFilterTheJournalResetAndRemove() throws Exception {
        Credential configured = TestCredentials.credential(TestKeys.OTHER_KEYS).build();
        open(FakeImsConfig.builder().credential(configured).build());
        browser.showing("#credential-list", configured.clientId());

        // Upload a certificate: the ids left empty are made Console-shaped by the page.
        browser.click("#show-create");
        browser.click("input[name=create-key][value=upload]");
        browser.visible("#create-certificate").sendKeys(X509CertUtils.toPEMString(TestKeys.certificate(TestKeys.KEYS)));
        browser.click("#create-button");
        browser.showing("#message", "created");
        Credential uploaded = server.credentials().stream().filter(c -> !c.clientId().equals(configured.clientId())).findFirst().orElseThrow();
        assertThat(uploaded.clientId()).matches("[0-9a-f]{32}");
        assertThat(uploaded.certificates()).hasSize(1);

        // Rotation: add a second certificate, remove the first.
        browser.driver().findElement(By.cssSelector("#credential-detail details summary")).click();
        browser.visible("#add-certificate").sendKeys(X509CertUtils.toPEMString(TestKeys.certificate(TestKeys.OTHER_KEYS)));
        browser.click("#add-certificate-button");
        browser.showing("#credential-detail h3", "Certificates (2)");
        assertThat(server.credential(uploaded.clientId()).orElseThrow().certificates()).hasSize(2);
        String first = io.github.fakeims.server.internal.core.Certificates.sha256Fingerprint(uploaded.certificates().get(0));
        browser.click("#certificate-list li[data-fingerprint='" + first + "'] .remove-certificate");
        browser.showing("#credential-detail h3", "Certificates (1)");
        assertThat(server.credential(uploaded.clientId()).orElseThrow().certificates()).doesNotContainAnyElementsOf(uploaded.certificates());

        // A second client secret (Console's rotation): added by the page, a token with it through the page,
        // removed, and then refused by the fake.
        browser.click("#add-secret");
        browser.showing("#credential-detail", "Client secret 2");
        List<String> secrets = server.credential(uploaded.clientId()).orElseThrow().clientSecrets();
        assertThat(secrets).hasSize(2).startsWith(uploaded.clientSecret());
        String second = secrets.get(1);
        assertThat(second).matches("p8e-[0-9a-f]{32}");
        assertThat(browser.all("#add-secret")).as("two secrets at most, as Console allows").isEmpty();
        assertThat(browser.driver().findElement(By.id("detail-secret-2")).getText()).doesNotContain(second);
        browser.click("#show-secret-2");
        browser.showing("#detail-secret-2", second);
        browser.click("tr.secret[data-secret-index='1'] .try-secret");
        browser.showing("#message", "issued an access token");
        assertThat(server.journal().entries(JournalFilter.of(ImsEndpoint.TOKEN).succeeded()))
                .singleElement().satisfies(entry -> assertThat(entry.clientId()).contains(uploaded.clientId()));
        browser.click("tr.secret[data-secret-index='1'] .remove-secret");
        browser.showing("#message", "Client secret removed");
        assertThat(browser.all("#credential-detail tr.secret")).hasSize(1);
        assertThat(browser.all("#credential-detail tr.secret .remove-secret")).as("the only secret stays").isEmpty();
        assertThat(server.credential(uploaded.clientId()).orElseThrow().clientSecrets()).containsExactly(uploaded.clientSecret());
        HttpResponse<String> refused = ImsHttp.postForm(server.baseUrl().resolve("/ims/token/v3"), Map.of("grant_type",
                "client_credentials", "client_id", uploaded.clientId(), "client_secret", second, "scope", "openid"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_client");
        browser.click("#tabs button[data-tab=journal]");
        browser.showing("#journal-count", "2");
        browser.click("#journal-clear");
        browser.showing("#message", "Journal cleared");
        browser.click("#tabs button[data-tab=credentials]");

        // Generate JWT with a pasted PKCS#1 key (BEGIN RSA PRIVATE KEY): the page converts it for WebCrypto.
        browser.click("#tabs button[data-tab=jwt]");
        new Select(browser.driver().findElement(By.id("jwt-credential"))).selectByValue(uploaded.clientId());
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(
                PrivateKeyInfo.getInstance(TestKeys.OTHER_KEYS.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded())
                + "\n-----END RSA PRIVATE KEY-----\n";
        browser.visible("#jwt-private-key").sendKeys(pkcs1);
        browser.click("#jwt-generate");
        browser.valueShowing("#jwt-token", "eyJ"); // signed (WebCrypto answers asynchronously)
        String jwt = browser.visible("#jwt-token").getAttribute("value");
        assertThat(server.verifyServiceAccountJwt(jwt, uploaded.clientId()).accepted()).isTrue();

        // Postman: the collection and its environment are downloaded.
        browser.click("#postman-collection");
        browser.click("#postman-environment");
        Map<String, Object> collection = JSONObjectUtils.parse(Files.readString(
                browser.downloaded("fake-ims-" + uploaded.clientId() + ".postman_collection.json")));
        assertThat(((Map<?, ?>) collection.get("info")).get("schema"))
                .isEqualTo("https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
        assertThat(Files.readString(browser.downloaded("fake-ims-" + uploaded.clientId() + ".postman_environment.json")))
                .contains(uploaded.clientSecret(), jwt, server.baseUrl().toString());

        // Convert to OAuth Server-to-Server.
        browser.click("#tabs button[data-tab=credentials]");
        browser.click("#credential-list li[data-client-id='" + uploaded.clientId() + "']");
        browser.click("#convert-credential");
        // the page says so once the fake answered (the detail view names OAuth Server-to-Server before, on a button)
        browser.showing("#message", "Converted to OAuth Server-to-Server");
        assertThat(server.credential(uploaded.clientId()).orElseThrow().grants()).containsExactly(Grant.CLIENT_CREDENTIALS);

        // Clock: advance, fix, back to real.
        browser.click("#tabs button[data-tab=control]");
        Instant before = server.clock().now();
        browser.visible("#clock-advance-by").sendKeys("25h");
        browser.click("#clock-advance");
        browser.showing("#message", "was advanced");
        assertThat(server.clock().now()).isAfter(before.plus(Duration.ofHours(25)));
        browser.visible("#clock-fix-at").sendKeys("2030-01-01T00:00:00Z");
        browser.click("#clock-fix");
        browser.showing("#clock-now", "2030-01-01T00:00:00Z");
        assertThat(server.clock().isFixed()).isTrue();
        browser.click("#tabs button[data-tab=jwt]");
        new Select(browser.driver().findElement(By.id("jwt-credential"))).selectByValue(configured.clientId());
        browser.valueShowing("#jwt-claims", "\"exp\": " + Instant.parse("2030-01-02T00:00:00Z").getEpochSecond()); // by the fake's clock
        browser.click("#tabs button[data-tab=control]");
        browser.click("#clock-reset");
        browser.showing("#message", "runs with the real one");
        browser.showing("#clock-fixed", "(running)");
        assertThat(server.clock().isFixed()).isFalse();

        // Journal filters: only failed entries once asked.
        ImsHttp.postForm(server.baseUrl().resolve("/ims/token/v3"), Map.of("grant_type", "client_credentials",
                "client_id", uploaded.clientId(), "client_secret", uploaded.clientSecret(), "scope", "openid"));
        ImsHttp.postForm(server.baseUrl().resolve("/ims/token/v3"), Map.of("grant_type", "client_credentials",
                "client_id", uploaded.clientId(), "client_secret", "p8e-wrong", "scope", "openid"));
        browser.click("#tabs button[data-tab=journal]");
        browser.showing("#journal-count", "2");
        new Select(browser.driver().findElement(By.id("journal-outcome"))).selectByValue("failed");
        browser.showing("#journal-list", "invalid_client");
        assertThat(browser.all("#journal-list li.entry")).hasSize(1).allMatch(entry -> entry.getAttribute("class").contains("failed"));

        // Reset: back to the configured credential; then remove it.
        browser.click("#tabs button[data-tab=control]");
        browser.click("#reset-fake");
        browser.showing("#message", "configured state");
        assertThat(server.credentials()).containsExactly(configured);
        browser.click("#tabs button[data-tab=credentials]");
        browser.click("#credential-list li[data-client-id='" + configured.clientId() + "']");
        browser.click("#remove-credential");
        browser.showing("#credential-list", "No credential yet");
        assertThat(server.credentials()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void withAnAdminTokenThePageAsksForItAndLoadsNothingWithoutIt() {
        Credential configured = TestCredentials.credential();
        open(FakeImsConfig.builder().credential(configured).adminToken("console-admin-token").build());

        browser.visible("#login");
        assertThat(browser.driver().findElement(By.id("app")).isDisplayed()).isFalse();
        assertThat(browser.all("#credential-list li")).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain(configured.clientId());

        browser.visible("#admin-token").sendKeys("not-the-token");
        browser.click("#login-button");
        browser.showing("#login-error", "not the admin token");
        assertThat(browser.driver().getPageSource()).doesNotContain(configured.clientId());

        browser.visible("#admin-token").sendKeys("console-admin-token");
        browser.click("#login-button");
        browser.showing("#credential-list", configured.clientId());
        Object stored = browser.driver().executeScript(
                "return [sessionStorage.getItem('fake-ims-admin-token'), localStorage.length, document.cookie]");
        assertThat((List<Object>) stored).containsExactly("console-admin-token", 0L, "");
        browser.screenshot("5-after-admin-token");
        assertThat(requestedUrls()).isNotEmpty().noneMatch(url -> url.contains("console-admin-token"));
    }

    private static PrivateKey privateKey(Path file) throws Exception {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
