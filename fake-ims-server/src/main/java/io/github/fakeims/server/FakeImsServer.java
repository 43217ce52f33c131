package io.github.fakeims.server;

import io.github.fakeims.server.internal.FakeImsEngine;
import io.github.fakeims.server.internal.http.HttpServerAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Comparator;
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
 * Listens on loopback and a free port unless configured otherwise. {@link #close()} is idempotent.
 */
public final class FakeImsServer implements AutoCloseable {

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

    /** Registers a credential, replacing any with the same client id. */
    public void register(Credential credential) {
        engine.credentials().put(credential);
    }

    /** Removes a credential; tokens issued to it no longer validate. */
    public boolean removeCredential(String clientId) {
        return engine.credentials().remove(clientId);
    }

    public Optional<Credential> credential(String clientId) {
        return engine.credentials().find(clientId);
    }

    /** The registered credentials, ordered by client id. */
    public List<Credential> credentials() {
        return engine.credentials().all().stream().sorted(Comparator.comparing(Credential::clientId)).toList();
    }

    /**
     * Checks a Service Account JWT as {@code POST /ims/exchange/jwt} would for {@code clientId} — every
     * rule but the client secret — without HTTP and without issuing a token or using up its {@code jti}.
     * Its {@code aud} may name {@link #baseUrl()}, a loopback alias of it, a public base URL, or (when
     * enabled) production or stage.
     */
    public JwtVerification verifyServiceAccountJwt(String jwt, String clientId) {
        return engine.checkServiceAccountJwt(jwt, clientId)
                .map(error -> new JwtVerification(false, error.status(), error.error(), error.description(), error.reason()))
                .orElseGet(JwtVerification::accept);
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
