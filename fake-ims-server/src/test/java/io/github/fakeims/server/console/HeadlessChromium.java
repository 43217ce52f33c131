package io.github.fakeims.server.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium and chromedriver, headless, driven by Selenium with both paths given so that
 * Selenium Manager never downloads anything. Without them the browser tests are skipped with the
 * reason, unless {@code FAKE_IMS_REQUIRE_BROWSER=true} (set by {@code .ci/run}), which fails them.
 * Public, in the module's test jar, for the extension's container test of the console.
 */
public final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback {

    static final String REQUIRE_BROWSER = "FAKE_IMS_REQUIRE_BROWSER";
    /** How long the page may take to show what a step expects (a key pair takes about a second). */
    private static final Duration STEP = Duration.ofSeconds(30);

    /** Selenium warns on every start that it has no CDP module for this Chromium: the tests use none. Held: JUL keeps loggers weakly. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private ChromeDriver driver;
    private Path downloads;
    private Path profile;
    private WebDriverWait wait;

    /** One browser for a test class: {@code @RegisterExtension static final HeadlessChromium browser = new HeadlessChromium();} */
    public HeadlessChromium() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<Path> browser = executable("FAKE_IMS_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Optional<Path> chromedriver = executable("FAKE_IMS_CHROMEDRIVER", "/usr/bin/chromedriver");
        if (browser.isEmpty() || chromedriver.isEmpty()) {
            String reason = "the console's browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, "
                    + "/usr/bin/chromedriver; or FAKE_IMS_CHROMIUM / FAKE_IMS_CHROMEDRIVER): apt-get install chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv(REQUIRE_BROWSER))) {
                fail(reason + " (" + REQUIRE_BROWSER + "=true)");
            }
            Assumptions.abort(reason);
        }
        try {
            downloads = Files.createTempDirectory("fake-ims-console-downloads");
            profile = Files.createTempDirectory("fake-ims-chromium-profile");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.get().toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeOptions options = new ChromeOptions()
                    .setBinary(browser.get().toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--user-data-dir=" + profile, "--window-size=1280,1050");
            options.setExperimentalOption("prefs", Map.of(
                    "download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false,
                    "profile.default_content_setting_values.automatic_downloads", 1));
            driver = new ChromeDriver(service, options);
            wait = new WebDriverWait(driver, STEP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
        for (Path folder : Stream.of(downloads, profile).filter(java.util.Objects::nonNull).toList()) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temp folder left behind
            }
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    private static Optional<Path> executable(String variable, String... candidates) {
        return Stream.concat(Stream.ofNullable(System.getenv(variable)), Stream.of(candidates))
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }

    public WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Clicks once the page has finished what earlier clicks started (it marks {@code <body data-busy>} meanwhile). */
    public void click(String css) {
        idle();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    public void idle() {
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("body[data-busy]"), 0));
    }

    /** Waits until the element's text contains {@code text}, and returns the element. */
    public WebElement showing(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits until a form field's value contains {@code text}. */
    public void valueShowing(String css, String text) {
        wait.until(ExpectedConditions.attributeContains(By.cssSelector(css), "value", text));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits for a downloaded file to be complete (Chromium writes {@code .crdownload} first). */
    public Path downloaded(String name) {
        Path file = downloads.resolve(name);
        wait.until(driver -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    /** Saves a screenshot of the page as build output under {@code target/console-screenshots/}. */
    public Path screenshot(String name) {
        try {
            Path folder = Files.createDirectories(Path.of("target", "console-screenshots"));
            File shot = driver.getScreenshotAs(OutputType.FILE);
            return Files.copy(shot.toPath(), folder.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
