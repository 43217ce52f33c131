package io.github.fakeims.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public package finds its implementation through {@code META-INF/services}, and says so plainly when it cannot. */
class ImplementationTest {

    @Test
    void theLibrarysServiceFileNamesTheInternalImplementation() {
        assertThat(Implementation.get().getClass().getName()).isEqualTo("io.github.fakeims.server.internal.ServerImplementation");
        assertThat(Implementation.get()).isSameAs(Implementation.get());
    }

    @Test
    void aJarWithoutTheServiceFileFailsWithAMessageThatSaysSo() throws Exception {
        try (URLClassLoader withoutTheJar = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Implementation.load(withoutTheJar))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the fake-ims-server jar is incomplete: META-INF/services/io.github.fakeims.server.FakeImsImplementation"
                            + " is missing (a shaded or repackaged jar must keep or merge it)");
        }
    }

    @Test
    void aServiceFileNamingAMissingClassFailsWithAMessageThatSaysSo(@TempDir Path jar) throws Exception {
        Path services = Files.createDirectories(jar.resolve("META-INF/services"));
        Files.writeString(services.resolve(FakeImsImplementation.class.getName()), "io.github.fakeims.server.internal.Renamed\n");
        try (URLClassLoader broken = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Implementation.load(broken))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the fake-ims-server jar is incomplete: META-INF/services/"
                            + "io.github.fakeims.server.FakeImsImplementation names no usable class: ")
                    .hasMessageContaining("io.github.fakeims.server.internal.Renamed");
        }
    }
}
