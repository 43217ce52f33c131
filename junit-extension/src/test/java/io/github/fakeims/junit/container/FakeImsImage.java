package io.github.fakeims.junit.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image under test, built once per JVM from the project's own Dockerfile and the jar of this
 * build. Where no public base image can be pulled, {@code FAKE_IMS_JDK_IMAGE} and {@code FAKE_IMS_BASE_IMAGE}
 * name local stand-ins (src/docker/build-stand-in-images.sh makes them).
 */
final class FakeImsImage {

    static final String NAME = "fake-ims:it";
    private static volatile boolean built;

    private FakeImsImage() {
    }

    static synchronized String name() {
        if (!built) {
            Path project = Path.of(System.getProperty("fake-ims.project-dir", ".."));
            Path jar = project.resolve("fake-ims-server/target/fake-ims-server.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: the container tests run after `mvn package` built it");
            }
            ImageFromDockerfile image = new ImageFromDockerfile(NAME, false)
                    .withFileFromPath("src/docker/Dockerfile", project.resolve("src/docker/Dockerfile"))
                    .withFileFromPath("fake-ims-server/target/fake-ims-server.jar", jar)
                    .withDockerfilePath("src/docker/Dockerfile");
            env("FAKE_IMS_JDK_IMAGE").ifPresent(base -> image.withBuildArg("JDK_IMAGE", base));
            env("FAKE_IMS_BASE_IMAGE").ifPresent(base -> image.withBuildArg("BASE_IMAGE", base));
            try {
                image.get();
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot build the fake's image from src/docker/Dockerfile (" + e.getMessage() + "). "
                        + "Where the public base images cannot be pulled, build local stand-ins with src/docker/build-stand-in-images.sh "
                        + "and set FAKE_IMS_JDK_IMAGE=fake-ims-stand-in/jdk:17 FAKE_IMS_BASE_IMAGE=fake-ims-stand-in/base:12, as .ci/run does", e);
            }
            built = true;
        }
        return NAME;
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
