package io.github.fakeims.junit;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsAdminClient;
import io.github.fakeims.server.FakeImsConfig;
import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.FakeImsTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The fake IMS in a container (Testcontainers), driven through {@link #admin()} with the same
 * {@link FakeIms} types as in-process.
 *
 * <pre>{@code
 * try (FakeImsContainer ims = new FakeImsContainer(DockerImageName.parse("fake-ims:latest")).withCredential(credential)) {
 *     ims.start();
 *     URI imsUrl = ims.getBaseUrl();
 *     ims.admin().faults().add(Fault.status(503));
 * }
 * }</pre>
 *
 * Supported image: the one {@code src/docker/Dockerfile} of this project builds (any tag). Credentials
 * and settings given here are the container's configuration, so {@link FakeIms#reset()} returns to them.
 */
public class FakeImsContainer extends GenericContainer<FakeImsContainer> {

    /** The port the fake listens on inside the container. */
    public static final int PORT = 8080;
    /** The port the fake serves HTTPS on inside the container, once {@link #withHttps()} asks for it. */
    public static final int HTTPS_PORT = 8443;
    private static final String CONFIG_IN_CONTAINER = "/tmp/fake-ims-config.json";

    private final List<Credential> credentials = new ArrayList<>();
    private Optional<FakeImsConfig> config = Optional.empty();
    private Optional<String> adminToken = Optional.empty();
    private boolean https;
    private FakeImsTls tls;

    public FakeImsContainer(DockerImageName image) {
        super(image);
        withExposedPorts(PORT);
        waitingFor(Wait.forHttp("/fake-ims/health").forPort(PORT).forStatusCode(200).withStartupTimeout(Duration.ofSeconds(60)));
    }

    public FakeImsContainer(String image) {
        this(DockerImageName.parse(image));
    }

    /** Registers this credential at start (in addition to those of {@link #withConfig}). */
    public FakeImsContainer withCredential(Credential credential) {
        credentials.add(credential);
        return self();
    }

    /**
     * Starts the fake with this configuration (its host and ports are the container's: 0.0.0.0:8080, and 8443 when it
     * sets {@link FakeImsConfig#httpsPort()}; its own TLS key store, if any, is not carried).
     */
    public FakeImsContainer withConfig(FakeImsConfig config) {
        this.config = Optional.of(config);
        // The JSON configuration carries no listener settings: HTTPS asked for in it means withHttps().
        return config.httpsPort().isPresent() && !https ? withHttps() : self();
    }

    /** Starts the fake with this JSON configuration file, mounted into the container. */
    public FakeImsContainer withConfigFile(Path file) {
        withCopyFileToContainer(MountableFile.forHostPath(file), CONFIG_IN_CONTAINER);
        return withEnv("FAKE_IMS_CONFIG", CONFIG_IN_CONTAINER);
    }

    /** The admin API requires {@code Authorization: Bearer token}; {@link #admin()} sends it. */
    public FakeImsContainer withAdminToken(String token) {
        this.adminToken = Optional.of(token);
        return withEnv("FAKE_IMS_ADMIN_TOKEN", token);
    }

    /**
     * Also serves HTTPS on {@link #HTTPS_PORT}, with the throwaway CA the fake makes at start (its certificate names
     * loopback and the Docker host); {@link #tls()} gives the CA after start.
     */
    public FakeImsContainer withHttps() {
        this.https = true;
        addExposedPort(HTTPS_PORT);
        return withEnv("FAKE_IMS_HTTPS_PORT", Integer.toString(HTTPS_PORT));
    }

    @Override
    protected void configure() {
        if (https) {
            withEnv("FAKE_IMS_TLS_SAN", getHost());
        }
        if (config.isPresent() || !credentials.isEmpty()) {
            FakeImsConfig.Builder builder = config.map(FakeImsConfig::toBuilder).orElseGet(FakeImsConfig::builder)
                    .host("0.0.0.0")
                    .port(PORT);
            credentials.forEach(builder::credential);
            adminToken.ifPresent(builder::adminToken);
            withEnv("FAKE_IMS_CONFIG_JSON", builder.build().toJson());
        }
    }

    /** Where clients reach the fake from the test, e.g. {@code http://localhost:32771}. */
    public URI getBaseUrl() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
    }

    /** Where HTTPS clients reach the fake, e.g. {@code https://localhost:32772}; needs {@link #withHttps()}. */
    public URI getHttpsBaseUrl() {
        if (!https) {
            throw new IllegalStateException("the container serves plain HTTP; call withHttps() before start");
        }
        return URI.create("https://" + getHost() + ":" + getMappedPort(HTTPS_PORT));
    }

    /** The fake's CA ({@code /fake-ims/tls/ca.pem}), to trust it as PEM, key store or {@code SSLContext}; needs {@link #withHttps()}. */
    public synchronized FakeImsTls tls() {
        if (tls == null) {
            getHttpsBaseUrl();
            try {
                HttpResponse<String> ca = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(getBaseUrl() + "/fake-ims/tls/ca.pem"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                X509Certificate certificate = X509CertUtils.parse(ca.body());
                if (ca.statusCode() != 200 || certificate == null) {
                    throw new IllegalStateException("the container answered " + ca.statusCode() + " for /fake-ims/tls/ca.pem: " + ca.body());
                }
                tls = FakeImsTls.trusting(certificate);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot fetch the fake's CA from " + getBaseUrl(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching the fake's CA", e);
            }
        }
        return tls;
    }

    /** The fake's control plane: credentials, journal, faults, clock, reset (over HTTPS with {@link #withHttps()}). */
    public FakeImsAdminClient admin() {
        if (https) {
            // Over HTTPS, so that an exported AEM file names the address the test reaches the fake at.
            return FakeImsAdminClient.connect(getHttpsBaseUrl(), adminToken.orElse(null), tls().clientSslContext());
        }
        return adminToken.map(token -> FakeImsAdminClient.connect(getBaseUrl(), token))
                .orElseGet(() -> FakeImsAdminClient.connect(getBaseUrl()));
    }
}
