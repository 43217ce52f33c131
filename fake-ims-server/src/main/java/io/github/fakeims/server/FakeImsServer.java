package io.github.fakeims.server;

import io.github.fakeims.server.internal.FakeImsEngine;
import io.github.fakeims.server.internal.http.HttpServerAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import io.github.fakeims.server.internal.tls.ThrowawayCa;
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
    private final Optional<HttpServerAdapter> http;
    private final Optional<HttpServerAdapter> https;
    private final Optional<FakeImsTls> tls;
    private final FakeImsEngine engine;
    private final URI baseUrl;
    private final Optional<URI> httpsBaseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FakeImsServer(FakeImsConfig config, Optional<HttpServerAdapter> http, Optional<HttpServerAdapter> https, Optional<FakeImsTls> tls) {
        this.config = config;
        this.http = http;
        this.https = https;
        this.tls = tls;
        String host = clientHost(config.host());
        Optional<URI> httpUrl = http.map(adapter -> URI.create("http://" + host + ":" + adapter.port()));
        this.httpsBaseUrl = https.map(adapter -> URI.create("https://" + host + ":" + adapter.port()));
        this.baseUrl = httpUrl.or(() -> httpsBaseUrl).orElseThrow();
        List<URI> listeners = new ArrayList<>();
        httpUrl.ifPresent(listeners::add);
        httpsBaseUrl.ifPresent(listeners::add);
        this.engine = new FakeImsEngine(config, baseUrl, listeners, httpsBaseUrl, tls);
        http.ifPresent(adapter -> adapter.start(engine));
        https.ifPresent(adapter -> adapter.start(engine));
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
        Optional<FakeImsTls> tls = config.httpsPort().isPresent()
                ? Optional.of(config.tls().orElseGet(() -> ThrowawayCa.create(subjectAlternativeNames(config))))
                : Optional.empty();
        List<HttpServerAdapter> bound = new ArrayList<>();
        try {
            Optional<HttpServerAdapter> http = config.http() ? Optional.of(bind(bound, config.host(), config.port(), null)) : Optional.empty();
            Optional<HttpServerAdapter> https = tls.isPresent()
                    ? Optional.of(bind(bound, config.host(), config.httpsPort().getAsInt(), tls.get())) : Optional.empty();
            return new FakeImsServer(config, http, https, tls);
        } catch (RuntimeException e) {
            bound.forEach(HttpServerAdapter::close);
            throw e;
        }
    }

    private static HttpServerAdapter bind(List<HttpServerAdapter> bound, String host, int port, FakeImsTls tls) {
        try {
            HttpServerAdapter adapter = tls == null ? HttpServerAdapter.bind(host, port)
                    : HttpServerAdapter.bindHttps(host, port, tls.serverSslContext());
            bound.add(adapter);
            return adapter;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + (tls == null ? "" : " (https)") + ": "
                    + e.getMessage(), e);
        }
    }

    /** The URL to point IMS clients at, e.g. {@code http://127.0.0.1:53121} (no trailing slash). */
    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    /** The port of {@link #baseUrl()}: the HTTP listener's, or the HTTPS one's when plain HTTP is off. */
    public int port() {
        return http.orElseGet(https::orElseThrow).port();
    }

    /** The HTTPS listener's URL, e.g. {@code https://127.0.0.1:53122}, when HTTPS is on. */
    public Optional<URI> httpsBaseUrl() {
        return httpsBaseUrl;
    }

    /** The HTTPS listener's port, when HTTPS is on. */
    public OptionalInt httpsPort() {
        return https.map(adapter -> OptionalInt.of(adapter.port())).orElse(OptionalInt.empty());
    }

    /** The HTTPS listener's certificate and CA (to trust it: PEM, key store, {@code SSLContext}), when HTTPS is on. */
    public Optional<FakeImsTls> tls() {
        return tls;
    }

    @Override
    public String exportCredential(String clientId, CredentialFileFormat format) {
        return engine.control().exportCredential(clientId, format);
    }

    @Override
    public List<Credential> importCredentials(String file, Optional<CredentialFileFormat> format) {
        return engine.control().importCredentials(file, format);
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
            http.ifPresent(HttpServerAdapter::close);
            https.ifPresent(HttpServerAdapter::close);
        }
    }

    @Override
    public String toString() {
        return "FakeImsServer{" + baseUrl + httpsBaseUrl.filter(url -> !url.equals(baseUrl)).map(url -> ", " + url).orElse("") + "}";
    }

    private static List<String> subjectAlternativeNames(FakeImsConfig config) {
        List<String> hosts = new ArrayList<>();
        hosts.add(config.host());
        config.publicBaseUrls().forEach(url -> hosts.add(url.getHost()));
        hosts.addAll(config.tlsSubjectAlternativeNames());
        return ThrowawayCa.subjectAlternativeNames(hosts);
    }

    private static String clientHost(String bindHost) {
        if (bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]")) {
            return "127.0.0.1";
        }
        return bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
    }
}
