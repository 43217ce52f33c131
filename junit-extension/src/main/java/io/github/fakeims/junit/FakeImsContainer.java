package io.github.fakeims.junit;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsAdminClient;
import io.github.fakeims.server.FakeImsConfig;
import java.net.URI;
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
    private static final String CONFIG_IN_CONTAINER = "/tmp/fake-ims-config.json";

    private final List<Credential> credentials = new ArrayList<>();
    private Optional<FakeImsConfig> config = Optional.empty();
    private Optional<String> adminToken = Optional.empty();

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

    /** Starts the fake with this configuration (its host and port are the container's: 0.0.0.0:8080). */
    public FakeImsContainer withConfig(FakeImsConfig config) {
        this.config = Optional.of(config);
        return self();
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

    @Override
    protected void configure() {
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

    /** The fake's control plane: credentials, journal, faults, clock, reset. */
    public FakeImsAdminClient admin() {
        return adminToken.map(token -> FakeImsAdminClient.connect(getBaseUrl(), token))
                .orElseGet(() -> FakeImsAdminClient.connect(getBaseUrl()));
    }
}
