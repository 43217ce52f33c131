package io.github.fakeims.server;

import java.net.URI;
import java.util.OptionalInt;
import java.util.Optional;

/**
 * A running fake Adobe IMS. It validates Service Account JWTs against the registered credentials'
 * certificates exactly as IMS does, issues IMS-shaped access tokens, and answers with IMS's error
 * codes plus the precise reason in the {@code X-Fake-Ims-Reason} header.
 *
 * <pre>{@code
 * try (FakeImsServer ims = FakeImsServer.start(FakeImsConfig.builder().credential(credential).build())) {
 *     URI imsUrl = ims.baseUrl(); // point the client here
 * }
 * }</pre>
 *
 * Listens on loopback and a free port unless configured otherwise. {@link #close()} is idempotent. The
 * same control plane ({@link FakeIms}: credentials, journal, faults, clock, reset) answers over HTTP
 * under {@code /fake-ims/}.
 */
public final class FakeImsServer extends ForwardingFakeIms implements AutoCloseable {

    private final FakeImsConfig config;
    private final FakeImsImplementation.Listening listening;

    private FakeImsServer(FakeImsConfig config, FakeImsImplementation.Listening listening) {
        super(listening.control());
        this.config = config;
        this.listening = listening;
    }

    /** Starts a fake with no credentials on loopback and a free port. */
    public static FakeImsServer start() {
        return start(FakeImsConfig.defaults());
    }

    /**
     * Starts a fake; it accepts connections when this returns. With {@link FakeImsConfig#httpsPort()} set and no
     * {@link FakeImsConfig#tls()}, it first makes a throwaway CA and server certificate (with the JDK's keytool, a
     * few seconds) for loopback, the bind host, the public base URLs' hosts and the extra names.
     */
    public static FakeImsServer start(FakeImsConfig config) {
        return new FakeImsServer(config, Implementation.get().start(config));
    }

    /** The URL to point IMS clients at, e.g. {@code http://127.0.0.1:53121} (no trailing slash). */
    @Override
    public URI baseUrl() {
        return listening.baseUrl();
    }

    /** The port of {@link #baseUrl()}: the HTTP listener's, or the HTTPS one's when plain HTTP is off. */
    public int port() {
        return listening.port();
    }

    /** The HTTPS listener's URL, e.g. {@code https://127.0.0.1:53122}, when HTTPS is on. */
    public Optional<URI> httpsBaseUrl() {
        return listening.httpsBaseUrl();
    }

    /** The HTTPS listener's port, when HTTPS is on. */
    public OptionalInt httpsPort() {
        return listening.httpsPort();
    }

    /** The HTTPS listener's certificate and CA (to trust it: PEM, key store, {@code SSLContext}), when HTTPS is on. */
    public Optional<FakeImsTls> tls() {
        return listening.tls();
    }

    /** The configuration the fake was started with. */
    public FakeImsConfig config() {
        return config;
    }

    /**
     * {@inheritDoc} Its {@code aud} may name {@link #baseUrl()}, a loopback alias of it, a public base URL,
     * or (when enabled) production or stage.
     */
    @Override
    public JwtVerification verifyServiceAccountJwt(String jwt, String clientId) {
        return super.verifyServiceAccountJwt(jwt, clientId);
    }

    /** Stops listening. Safe to call more than once. */
    @Override
    public void close() {
        listening.close();
    }

    @Override
    public String toString() {
        URI baseUrl = baseUrl();
        return "FakeImsServer{" + baseUrl + httpsBaseUrl().filter(url -> !url.equals(baseUrl)).map(url -> ", " + url).orElse("") + "}";
    }
}
