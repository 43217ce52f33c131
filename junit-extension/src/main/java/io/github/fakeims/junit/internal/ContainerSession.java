package io.github.fakeims.junit.internal;

import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.junit.FakeImsContainer;
import io.github.fakeims.server.FakeImsConfig;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Container mode: the only class of the session that names Testcontainers types, loaded only in that mode. */
final class ContainerSession {

    private ContainerSession() {
    }

    static FakeImsSession start(ExtensionConfig config, FakeImsConfig.Builder fake, DeveloperCredential.Builder credential) {
        FakeImsContainer[] started = new FakeImsContainer[1];
        DeveloperCredential registered = credential.registerVia(configured -> {
            FakeImsContainer container = new FakeImsContainer(config.resolvedImage()).withConfig(fake.credential(configured).build());
            if (config.https()) {
                container.withHttps();
            }
            try {
                container.start();
            } catch (RuntimeException e) {
                container.stop();
                throw new ExtensionConfigurationException("cannot start the fake IMS container from image " + config.resolvedImage()
                        + " (" + e.getMessage() + "); build the image with `docker build -f src/docker/Dockerfile -t "
                        + config.resolvedImage() + " .` (see the README) or set FAKE_IMS_IMAGE", e);
            }
            started[0] = container;
            return container.admin();
        });
        return new FakeImsSession(started[0].admin(), Optional.empty(), started[0]::stop, registered, config,
                config.https() ? Optional.of(started[0].tls()) : Optional.empty());
    }
}
