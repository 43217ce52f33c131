package io.github.fakeims.server.internal;

import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsImplementation;
import io.github.fakeims.server.FakeImsTls;
import io.github.fakeims.server.internal.http.HttpServerAdapter;
import io.github.fakeims.server.internal.tls.ThrowawayCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/** One engine behind its HTTP and HTTPS listeners: what a {@code FakeImsServer} runs on. */
final class ListeningFakeIms implements FakeImsImplementation.Listening {

    private final Optional<HttpServerAdapter> http;
    private final Optional<HttpServerAdapter> https;
    private final Optional<FakeImsTls> tls;
    private final FakeImsEngine engine;
    private final URI baseUrl;
    private final Optional<URI> httpsBaseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ListeningFakeIms(FakeImsConfig config, Optional<HttpServerAdapter> http, Optional<HttpServerAdapter> https,
            Optional<FakeImsTls> tls) {
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

    /**
     * Binds the listeners and starts serving. With HTTPS on and no {@link FakeImsConfig#tls()}, first makes a
     * throwaway CA and server certificate for loopback, the bind host, the public base URLs' hosts and the extra names.
     */
    static ListeningFakeIms start(FakeImsConfig config) {
        Optional<FakeImsTls> tls = config.httpsPort().isPresent()
                ? Optional.of(config.tls().orElseGet(() -> ThrowawayCa.create(subjectAlternativeNames(config))))
                : Optional.empty();
        List<HttpServerAdapter> bound = new ArrayList<>();
        try {
            Optional<HttpServerAdapter> http = config.http() ? Optional.of(bind(bound, config.host(), config.port(), null)) : Optional.empty();
            Optional<HttpServerAdapter> https = tls.isPresent()
                    ? Optional.of(bind(bound, config.host(), config.httpsPort().getAsInt(), tls.get())) : Optional.empty();
            return new ListeningFakeIms(config, http, https, tls);
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

    @Override
    public FakeIms control() {
        return engine.control();
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public int port() {
        return http.orElseGet(https::orElseThrow).port();
    }

    @Override
    public Optional<URI> httpsBaseUrl() {
        return httpsBaseUrl;
    }

    @Override
    public OptionalInt httpsPort() {
        return https.map(adapter -> OptionalInt.of(adapter.port())).orElse(OptionalInt.empty());
    }

    @Override
    public Optional<FakeImsTls> tls() {
        return tls;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.ifPresent(HttpServerAdapter::close);
            https.ifPresent(HttpServerAdapter::close);
        }
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
