package io.github.fakeims.server;

import io.github.fakeims.server.internal.FakeImsEngine;
import io.github.fakeims.server.internal.http.HttpServerAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

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
public final class FakeImsServer implements FakeIms, AutoCloseable {

    private final FakeImsConfig config;
    private final HttpServerAdapter http;
    private final FakeImsEngine engine;
    private final URI baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FakeImsServer(FakeImsConfig config, HttpServerAdapter http) {
        this.config = config;
        this.http = http;
        this.baseUrl = URI.create("http://" + clientHost(config.host()) + ":" + http.port());
        this.engine = new FakeImsEngine(config, http.port(), baseUrl);
        http.start(engine);
    }

    /** Starts a fake with no credentials on loopback and a free port. */
    public static FakeImsServer start() {
        return start(FakeImsConfig.defaults());
    }

    /** Starts a fake; it accepts connections when this returns. */
    public static FakeImsServer start(FakeImsConfig config) {
        HttpServerAdapter http;
        try {
            http = HttpServerAdapter.bind(config.host(), config.port());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        try {
            return new FakeImsServer(config, http);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /** The URL to point IMS clients at, e.g. {@code http://127.0.0.1:53121} (no trailing slash). */
    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return http.port();
    }

    /** The configuration the fake was started with. */
    public FakeImsConfig config() {
        return config;
    }

    @Override
    public void register(Credential credential) {
        engine.control().register(credential);
    }

    @Override
    public boolean removeCredential(String clientId) {
        return engine.control().removeCredential(clientId);
    }

    @Override
    public Optional<Credential> credential(String clientId) {
        return engine.control().credential(clientId);
    }

    @Override
    public GeneratedCredential generateCredential(String... metascopes) {
        return engine.control().generateCredential(metascopes);
    }

    @Override
    public List<Credential> credentials() {
        return engine.control().credentials();
    }

    @Override
    public Credential addCertificate(String clientId, X509Certificate certificate) {
        return engine.control().addCertificate(clientId, certificate);
    }

    @Override
    public Credential removeCertificate(String clientId, X509Certificate certificate) {
        return engine.control().removeCertificate(clientId, certificate);
    }

    @Override
    public Credential addClientSecret(String clientId, String clientSecret) {
        return engine.control().addClientSecret(clientId, clientSecret);
    }

    @Override
    public Credential removeClientSecret(String clientId, String clientSecret) {
        return engine.control().removeClientSecret(clientId, clientSecret);
    }

    @Override
    public Credential convertToOAuthServerToServer(String clientId) {
        return engine.control().convertToOAuthServerToServer(clientId);
    }

    /**
     * {@inheritDoc} Its {@code aud} may name {@link #baseUrl()}, a loopback alias of it, a public base URL,
     * or (when enabled) production or stage.
     */
    @Override
    public JwtVerification verifyServiceAccountJwt(String jwt, String clientId) {
        return engine.control().verifyServiceAccountJwt(jwt, clientId);
    }

    @Override
    public Journal journal() {
        return engine.control().journal();
    }

    @Override
    public Faults faults() {
        return engine.control().faults();
    }

    @Override
    public FakeImsClock clock() {
        return engine.control().clock();
    }

    @Override
    public IssuedTokens issuedTokens() {
        return engine.control().issuedTokens();
    }

    @Override
    public void reset() {
        engine.control().reset();
    }

    /** Stops listening. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.close();
        }
    }

    @Override
    public String toString() {
        return "FakeImsServer{" + baseUrl + "}";
    }

    private static String clientHost(String bindHost) {
        if (bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]")) {
            return "127.0.0.1";
        }
        return bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
    }
}
