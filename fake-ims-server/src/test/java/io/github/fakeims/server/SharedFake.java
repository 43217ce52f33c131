package io.github.fakeims.server;

import java.net.URI;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One fake for a test class, as a static {@code @RegisterExtension}: started before its tests, closed after. */
final class SharedFake implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<FakeImsConfig> config;
    private FakeImsServer server;

    private SharedFake(Supplier<FakeImsConfig> config) {
        this.config = config;
    }

    static SharedFake withDefaults() {
        return new SharedFake(FakeImsConfig::defaults);
    }

    static SharedFake with(Supplier<FakeImsConfig> config) {
        return new SharedFake(config);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = FakeImsServer.start(config.get());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    FakeImsServer ims() {
        return server;
    }

    URI url(String path) {
        return server.baseUrl().resolve(path);
    }

    /** Registers {@code credential} and returns it. */
    Credential registered(Credential credential) {
        server.register(credential);
        return credential;
    }

    /** A fresh credential (openid, AdobeID, read_organizations; both grants), registered. */
    Credential registered() {
        return registered(TestCredentials.credential());
    }

    IssuedAccessToken.State stateOf(String accessToken) {
        return server.issuedTokens().find(accessToken).orElseThrow().state();
    }
}
