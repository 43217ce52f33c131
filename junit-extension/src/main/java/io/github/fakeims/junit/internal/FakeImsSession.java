package io.github.fakeims.junit.internal;

import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.FakeImsTls;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One fake IMS (in-process or in a container) and the throwaway credential registered on it, for one
 * test class (or one test). Kept in JUnit's store, which closes it when its context ends.
 */
@SuppressWarnings("deprecation") // CloseableResource: what JUnit before 5.13 closes; AutoCloseable for later ones
public final class FakeImsSession implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final FakeIms ims;
    private final Optional<FakeImsServer> server;
    private final AutoCloseable resources;
    private final DeveloperCredential credential;
    private final ExtensionConfig config;
    private final Optional<FakeImsTls> tls;

    FakeImsSession(FakeIms ims, Optional<FakeImsServer> server, AutoCloseable resources, DeveloperCredential credential,
                   ExtensionConfig config) {
        this(ims, server, resources, credential, config, Optional.empty());
    }

    FakeImsSession(FakeIms ims, Optional<FakeImsServer> server, AutoCloseable resources, DeveloperCredential credential,
                   ExtensionConfig config, Optional<FakeImsTls> tls) {
        this.tls = tls;
        this.ims = ims;
        this.server = server;
        this.resources = resources;
        this.credential = credential;
        this.config = config;
    }

    /** Starts a fake whose configuration holds the throwaway credential, so a reset keeps it. */
    public static FakeImsSession start(ExtensionConfig config) {
        DeveloperCredential.Builder credential = DeveloperCredential.builder()
                .metascopes(config.metascopes())
                .scopes(config.scopes())
                .grants(config.grants())
                .jtiRequired(config.jtiRequired());
        FakeImsConfig.Builder fake = FakeImsConfig.builder()
                .acceptProductionAudience(config.acceptProductionAudience())
                .tokenLifetime(config.tokenLifetime());
        boolean inContainer;
        try {
            inContainer = config.inContainer();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        if (inContainer) {
            try {
                return ContainerSession.start(config, fake, credential);
            } catch (NoClassDefFoundError e) {
                throw new ExtensionConfigurationException("the fake IMS runs in a container (FAKE_IMS_MODE=container), which needs "
                        + "org.testcontainers:testcontainers on the test class path; add it to the test dependencies", e);
            }
        }
        if (config.https()) {
            fake.httpsPort(0).http(false).tls(ThrowawayTls.loopback());
        }
        FakeImsServer[] started = new FakeImsServer[1];
        DeveloperCredential registered = credential.registerVia(configured -> {
            started[0] = FakeImsServer.start(fake.credential(configured).build());
            return started[0];
        });
        return new FakeImsSession(started[0], Optional.of(started[0]), started[0], registered, config);
    }

    /**
     * A new test on a fake shared by its class: what one test scripted or recorded (journal, faults,
     * clock) must not leak into the next. Credentials and issued tokens stay, so {@code @BeforeAll} work holds.
     */
    public void isolateTest() {
        ims.journal().clear();
        ims.faults().clear();
        ims.clock().reset();
    }

    public FakeIms ims() {
        return ims;
    }

    /** The in-process server; empty in container mode. */
    public Optional<FakeImsServer> server() {
        return server;
    }

    /** The HTTPS fake's certificate and CA; empty over plain HTTP. */
    public Optional<FakeImsTls> tls() {
        return server.flatMap(FakeImsServer::tls).or(() -> tls);
    }

    public DeveloperCredential credential() {
        return credential;
    }

    public ExtensionConfig config() {
        return config;
    }

    @Override
    public void close() throws Exception {
        KeyPairPool.refill(); // this thread now waits for the fake to stop: the next class's key is made meanwhile
        resources.close();
    }
}
