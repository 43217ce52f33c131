package io.github.fakeims.junit.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** The image's conventions: OCI labels, a non-root user, and a health check that is ready on an early probe. */
@RequiresDocker
class ImageConventionsIT {

    private final DockerClient docker = DockerClientFactory.instance().client();

    @Test
    void carriesTheOciLabelsARegistryShows() {
        Map<String, String> labels = config().getLabels();

        assertThat(labels).containsKeys("org.opencontainers.image.title", "org.opencontainers.image.description",
                "org.opencontainers.image.version", "org.opencontainers.image.revision", "org.opencontainers.image.source");
        assertThat(labels).containsEntry("org.opencontainers.image.licenses", "Apache-2.0");
    }

    @Test
    void runsAsANonRootUser() {
        assertThat(config().getUser()).isNotBlank().doesNotStartWith("0").isNotEqualTo("root");
    }

    /**
     * Docker runs the first probe one interval after the start (Docker 20.10 has no start interval):
     * with a 1 s interval, compose's service_healthy waits ~1 s for a fake ready in well under that.
     */
    @Test
    void probesItsHealthEverySecond() {
        Duration interval = Duration.ofNanos(config().getHealthcheck().getInterval());

        assertThat(interval).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void isHealthyOnItsFirstOrSecondProbe() {
        try (GenericContainer<?> fake = new GenericContainer<>(FakeImsImage.name()).withExposedPorts(8080)
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(60)))) {
            fake.start();

            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(fake.getContainerId()).exec().getState();
            List<HealthStateLog> probes = state.getHealth().getLog();
            // Docker keeps the last 5 probes: fewer means none was dropped and the first is the first.
            assertThat(probes).as("the probes so far").isNotEmpty().hasSizeLessThan(5);
            int firstSuccess = 0;
            while (firstSuccess < probes.size() && probes.get(firstSuccess).getExitCodeLong() != 0) {
                firstSuccess++;
            }
            assertThat(firstSuccess).as("probes that failed before the first success: %s", probes).isLessThanOrEqualTo(1);
        }
    }

    private ContainerConfig config() {
        InspectImageResponse image = docker.inspectImageCmd(FakeImsImage.name()).exec();
        return image.getConfig();
    }
}
