package io.github.fakeims.server;

import java.net.URI;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A fake IMS running elsewhere (a {@code java -jar} process, a container), driven through its admin
 * HTTP API with the same Java types as an in-process {@link FakeImsServer}.
 *
 * <pre>{@code
 * FakeIms ims = FakeImsAdminClient.connect(URI.create("http://localhost:8080"));
 * ims.faults().add(Fault.tooManyRequests(Duration.ofSeconds(3)).on(ImsEndpoint.TOKEN).times(2));
 * }</pre>
 *
 * Bad input fails as in-process ({@link IllegalArgumentException}, {@link NoSuchElementException}, with
 * the fake's message); an unreachable fake, a wrong admin token or an admin API turned off fail with
 * {@link FakeImsAdminException}. Its {@link #clock()} is read without a round trip: it follows what this
 * client last heard of the fake's clock (see {@link FakeImsClock#refresh()}).
 */
public final class FakeImsAdminClient extends ForwardingFakeIms {

    private final FakeImsImplementation.Remote remote;

    private FakeImsAdminClient(FakeImsImplementation.Remote remote) {
        super(remote);
        this.remote = remote;
    }

    /** A client for the fake at {@code baseUrl}, whose admin API needs no token. */
    public static FakeImsAdminClient connect(URI baseUrl) {
        return connect(baseUrl, Optional.empty(), Optional.empty());
    }

    /** A client for the fake at {@code baseUrl} that sends {@code Authorization: Bearer adminToken}. */
    public static FakeImsAdminClient connect(URI baseUrl, String adminToken) {
        return connect(baseUrl, Optional.of(adminToken), Optional.empty());
    }

    /**
     * A client for a fake reached over HTTPS whose certificate {@code tls} trusts (e.g.
     * {@link FakeImsTls#clientSslContext()}); {@code adminToken} may be {@code null}.
     */
    public static FakeImsAdminClient connect(URI baseUrl, String adminToken, SSLContext tls) {
        return connect(baseUrl, Optional.ofNullable(adminToken), Optional.of(tls));
    }

    private static FakeImsAdminClient connect(URI baseUrl, Optional<String> adminToken, Optional<SSLContext> tls) {
        return new FakeImsAdminClient(Implementation.get().connect(baseUrl, adminToken, tls));
    }

    /** Whether {@code /fake-ims/health} answers UP. */
    public boolean isHealthy() {
        return remote.isHealthy();
    }

    @Override
    public String toString() {
        return "FakeImsAdminClient{" + baseUrl() + "}";
    }
}
