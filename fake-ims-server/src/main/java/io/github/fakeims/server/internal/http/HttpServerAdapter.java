package io.github.fakeims.server.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The one class that knows the JDK's {@code com.sun.net.httpserver} (it starts in milliseconds):
 * it binds, reads each exchange into plain values, hands them to the engine and writes the answer.
 */
public final class HttpServerAdapter implements AutoCloseable {

    /** Bodies larger than this are refused with 413: no IMS request comes near it. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** How much of an oversized body is read and dropped so the 413 arrives; past it the connection is cut. */
    private static final long MAX_DRAINED_BYTES = 64L << 20;
    /** How long closing waits for requests in flight to be answered. */
    private static final int DRAIN_SECONDS = 2;
    /** A request must arrive within this; IMS requests are a few kilobytes. */
    public static final int REQUEST_SECONDS = 10;
    /**
     * Workers are made as requests need them, up to this many: the JDK server reads a request's headers
     * and body on its worker, so a client that stalls holds one until the request deadline. The cap is
     * well above what a slow-loris of a few hundred connections takes (idle workers cost nothing and die
     * after 30 s); a connection beyond it is closed at once (fast refusal) and the server goes on.
     */
    static final int MAX_WORKER_THREADS = 2048;
    /**
     * Long-polls ({@code journal/take}) wait on threads of their own, never on an IMS worker: up to this
     * many at once; one more is answered 429 at once.
     */
    public static final int MAX_LONG_POLLS = 512;

    /** What the adapter needs from the engine. */
    public interface Engine {
        /**
         * A request that came over {@code scheme} ({@code http} or {@code https}); {@code rawPath} as sent, still
         * percent-encoded: an admin path segment may hold an encoded {@code /}.
         */
        ImsResponse handle(String scheme, String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body);

        ImsResponse bodyTooLarge(String method, String path);

        ImsResponse bodyTooSlow(String method, String path);

        /** Whether this request may wait long for its answer (a long-poll): it is served off the IMS workers. */
        boolean isLongPoll(String method, String path);

        /** The answer when {@link HttpServerAdapter#MAX_LONG_POLLS} long-polls are already waiting. */
        ImsResponse tooManyLongPolls(String method, String path);

        /** The answer when serving failed with a {@link Throwable} nothing else caught. */
        ImsResponse failed(String method, String path, Throwable failure);
    }

    static {
        // The JDK server's only knobs are JVM-wide properties read once, when its first instance is made;
        // set them only when nobody else has. Without a request deadline a client that stops sending
        // holds a worker for ever; without TCP_NODELAY each kept-alive response waits ~40 ms on Nagle.
        setIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(REQUEST_SECONDS));
        setIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final ExecutorService longPolls;
    private final String scheme;
    /** Where the next fake's listener is made ready when this one closes, and for which host; null for none. */
    private final SpareListeners spares;
    private final String spareHost;
    private final AtomicInteger inFlight = new AtomicInteger();

    private HttpServerAdapter(HttpServer server, ExecutorService workers, ExecutorService longPolls, String scheme,
                              SpareListeners spares, String spareHost) {
        this.server = server;
        this.workers = workers;
        this.longPolls = longPolls;
        this.scheme = scheme;
        this.spares = spares;
        this.spareHost = spareHost;
    }

    /**
     * Binds the address now, so the port is known before the engine is built; serving starts with {@link #start}.
     * A free loopback port may come from a {@link SpareListeners spare} made ahead.
     */
    public static HttpServerAdapter bind(String host, int port) throws IOException {
        return bind(host, port, SpareListeners.SHARED);
    }

    static HttpServerAdapter bind(String host, int port, SpareListeners spares) throws IOException {
        if (!SpareListeners.applies(host, port)) {
            return configure(HttpServer.create(new InetSocketAddress(host, port), 0), "http", null, null);
        }
        HttpServer server = spares.take(host).orElse(null);
        return configure(server != null ? server : HttpServer.create(new InetSocketAddress(host, port), 0), "http", spares, host);
    }

    /** Like {@link #bind}, serving HTTPS with this server side TLS context (the JDK's {@code HttpsServer}). */
    public static HttpServerAdapter bindHttps(String host, int port, SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(host, port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return configure(server, "https", null, null);
    }

    private static HttpServerAdapter configure(HttpServer server, String scheme, SpareListeners spares, String spareHost) {
        ExecutorService workers = pool("fake-ims-" + scheme + "-", MAX_WORKER_THREADS);
        server.setExecutor(workers);
        return new HttpServerAdapter(server, workers, pool("fake-ims-" + scheme + "-long-poll-", MAX_LONG_POLLS), scheme,
                spares, spareHost);
    }

    /** Threads made on demand up to {@code max}, idle ones gone after 30 s; beyond it, execution is rejected. */
    private static ExecutorService pool(String name, int max) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, name + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void start(Engine engine) {
        server.createContext("/", exchange -> {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            inFlight.incrementAndGet();
            if (engine.isLongPoll(method, path)) {
                try {
                    // the exchange is answered from the long-poll thread; this worker is free at once
                    longPolls.execute(() -> serveCounted(exchange, engine));
                    return;
                } catch (RejectedExecutionException full) {
                    try {
                        respond(exchange, method, engine.tooManyLongPolls(method, path));
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    return;
                }
            }
            serveCounted(exchange, engine);
        });
        server.start();
    }

    private void serveCounted(HttpExchange exchange, Engine engine) {
        try {
            serve(exchange, engine, scheme);
        } catch (IOException e) {
            // the client went away: nothing to answer
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Reads, dispatches and answers one exchange. Any {@link Throwable} the engine lets through (it
     * should let none) still gets an answer, so no client ever sees an empty reply and the worker lives on.
     */
    private static void serve(HttpExchange exchange, Engine engine, String scheme) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        ImsResponse response;
        try {
            response = read(exchange, engine, scheme, method, path);
        } catch (IOException e) {
            exchange.close();
            throw e;
        } catch (RuntimeException | Error failure) {
            response = engine.failed(method, path, failure);
        }
        respond(exchange, method, response);
    }

    private static ImsResponse read(HttpExchange exchange, Engine engine, String scheme, String method, String path) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BodyRead read = readBody(exchange.getRequestBody(), body, System.nanoTime() + REQUEST_SECONDS * 1_000_000_000L);
        return switch (read) {
            case COMPLETE -> engine.handle(scheme, method, exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body.toByteArray());
            case TOO_LARGE -> engine.bodyTooLarge(method, path);
            case TOO_SLOW -> engine.bodyTooSlow(method, path);
        };
    }

    private static void respond(HttpExchange exchange, String method, ImsResponse response) throws IOException {
        try (exchange) {
            if (response.dropsConnection()) {
                return; // closing an exchange that sent no headers closes its connection
            }
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean noBody = response.body().length == 0 || method.equalsIgnoreCase("HEAD");
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    private enum BodyRead { COMPLETE, TOO_LARGE, TOO_SLOW }

    /**
     * Reads the body into {@code body}. An oversized one is still read (up to {@link #MAX_DRAINED_BYTES})
     * and dropped: closing with data unread resets the connection, and the client would never see its
     * 413. A body still dripping in at the deadline is abandoned (a client that sends nothing at all is
     * cut off by the server's own request deadline).
     */
    private static BodyRead readBody(InputStream in, ByteArrayOutputStream body, long deadline) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (System.nanoTime() - deadline > 0) {
                return BodyRead.TOO_SLOW;
            }
            if (total > MAX_BODY_BYTES) {
                while (total < MAX_DRAINED_BYTES && (read = in.read(buffer)) != -1) {
                    total += read;
                }
                return BodyRead.TOO_LARGE;
            }
            body.write(buffer, 0, read);
        }
        return BodyRead.COMPLETE;
    }

    /**
     * Stops accepting and lets exchanges in flight finish (up to {@link #DRAIN_SECONDS}): {@code stop(0)}
     * would cut their connections at once. With nothing in flight it stops at once, so tests stay fast.
     */
    @Override
    public void close() {
        if (spares != null) {
            spares.prepare(spareHost); // a fake per test class: the next one's listener, made while this one stops
        }
        server.stop(inFlight.get() > 0 ? DRAIN_SECONDS : 0);
        longPolls.shutdownNow(); // waiting long-polls are woken (interrupted) and answer 204
        for (ExecutorService pool : List.of(workers, longPolls)) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
