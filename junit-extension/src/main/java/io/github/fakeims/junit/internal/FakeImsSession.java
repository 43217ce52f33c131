package io.github.fakeims.junit.internal;

import io.github.fakeims.junit.DeveloperCredential;
import io.github.fakeims.junit.SelfSignedCertificate;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One fake IMS and the throwaway credential registered on it, for one test class (or one test). Kept
 * in JUnit's store, which closes it when its context ends.
 */
@SuppressWarnings("deprecation") // CloseableResource: what JUnit before 5.13 closes; AutoCloseable for later ones
public final class FakeImsSession implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final FakeImsServer server;
    private final DeveloperCredential credential;
    private final ExtensionConfig config;

    private FakeImsSession(FakeImsServer server, DeveloperCredential credential, ExtensionConfig config) {
        this.server = server;
        this.credential = credential;
        this.config = config;
    }

    public static FakeImsSession start(ExtensionConfig config) {
        FakeImsServer server = FakeImsServer.start(FakeImsConfig.builder()
                .acceptProductionAudience(config.acceptProductionAudience())
                .tokenLifetime(config.tokenLifetime())
                .build());
        try {
            DeveloperCredential credential = newCredential(server, config);
            server.register(credential.registered());
            return new FakeImsSession(server, credential, config);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Random ids shaped like the Console's, so parallel tests never share a client. */
    private static DeveloperCredential newCredential(FakeImsServer server, ExtensionConfig config) {
        SelfSignedCertificate keys = SelfSignedCertificate.create();
        String org = hex(12).toUpperCase(Locale.ROOT);
        Credential credential = Credential.builder()
                .clientId(hex(16))
                .clientSecret("p8e-" + hex(16))
                .orgId(org + "@AdobeOrg")
                .technicalAccountId(hex(12).toUpperCase(Locale.ROOT) + "@techacct.adobe.com")
                .certificate(keys.certificate())
                .metascopes(config.metascopes())
                .scopes(config.scopes())
                .grants(config.grants())
                .jtiRequired(config.jtiRequired())
                .build();
        return new DeveloperCredential(credential, keys, server.baseUrl(), digits(), digits(), digits(), digits());
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

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String digits() {
        return Long.toString(1_000_000_000_000L + Math.floorMod(RANDOM.nextLong(), 9_000_000_000_000L));
    }
}
