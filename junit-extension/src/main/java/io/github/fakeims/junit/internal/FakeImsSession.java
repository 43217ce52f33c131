package io.github.fakeims.junit.internal;

import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One fake IMS and the throwaway credential registered on it, for one test class (or one test). Kept
 * in JUnit's store, which closes it when its context ends.
 */
@SuppressWarnings("deprecation") // CloseableResource: what JUnit before 5.13 closes; AutoCloseable for later ones
public final class FakeImsSession implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final FakeImsServer server;
    private final DeveloperCredential credential;
    private final ExtensionConfig config;

    private FakeImsSession(FakeImsServer server, DeveloperCredential credential, ExtensionConfig config) {
        this.server = server;
        this.credential = credential;
        this.config = config;
    }

    /** Starts a fake whose configuration holds the throwaway credential, so a reset keeps it. */
    public static FakeImsSession start(ExtensionConfig config) {
        FakeImsServer[] started = new FakeImsServer[1];
        DeveloperCredential credential = DeveloperCredential.builder()
                .metascopes(config.metascopes())
                .scopes(config.scopes())
                .grants(config.grants())
                .jtiRequired(config.jtiRequired())
                .registerVia(registered -> {
                    started[0] = FakeImsServer.start(FakeImsConfig.builder()
                            .acceptProductionAudience(config.acceptProductionAudience())
                            .tokenLifetime(config.tokenLifetime())
                            .credential(registered)
                            .build());
                    return started[0].baseUrl();
                });
        return new FakeImsSession(started[0], credential, config);
    }

    /**
     * A new test on a fake shared by its class: what one test scripted or recorded (journal, faults,
     * clock) must not leak into the next. Credentials and issued tokens stay, so {@code @BeforeAll} work holds.
     */
    public void isolateTest() {
        server.journal().clear();
        server.faults().clear();
        server.clock().reset();
    }

    public FakeImsServer server() {
        return server;
    }

    public DeveloperCredential credential() {
        return credential;
    }

    public ExtensionConfig config() {
        return config;
    }

    @Override
    public void close() {
        server.close();
    }
}
