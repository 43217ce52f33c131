package io.github.fakeims.server.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one class that knows the JDK's {@code com.sun.net.httpserver} (it starts in milliseconds):
 * it binds, reads each exchange into plain values, hands them to the engine and writes the answer.
 */
public final class HttpServerAdapter implements AutoCloseable {

    /** Bodies larger than this are refused with 413: no IMS request comes near it. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** How much of an oversized body is read and dropped so the 413 arrives; past it the connection is cut. */
    private static final long MAX_DRAINED_BYTES = 64L << 20;
    private static final int WORKER_THREADS = 16;

    /** What the adapter needs from the engine. */
    public interface Engine {
        ImsResponse handle(String method, String path, String rawQuery, java.util.Map<String, java.util.List<String>> headers, byte[] body);

        ImsResponse bodyTooLarge(String method, String path);
    }

    private final HttpServer server;
    private final ExecutorService workers;

    private HttpServerAdapter(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Binds the address now, so the port is known before the engine is built; serving starts with {@link #start}. */
    public static HttpServerAdapter bind(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "fake-ims-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, threads);
        server.setExecutor(workers);
        return new HttpServerAdapter(server, workers);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void start(Engine engine) {
        server.createContext("/", exchange -> serve(exchange, engine));
        server.start();
    }

    private static void serve(HttpExchange exchange, Engine engine) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = readBody(exchange.getRequestBody());
            ImsResponse response = body == null
                    ? engine.bodyTooLarge(method, path)
                    : engine.handle(method, path, exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
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

    /**
     * The body, or {@code null} when it exceeds {@link #MAX_BODY_BYTES}. An oversized body is still read
     * (up to {@link #MAX_DRAINED_BYTES}) and dropped: closing with data unread resets the connection,
     * and the client would never see its 413.
     */
    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (body.size() + read > MAX_BODY_BYTES) {
                long drained = body.size() + (long) read;
                while (drained < MAX_DRAINED_BYTES && (read = in.read(buffer)) != -1) {
                    drained += read;
                }
                return null;
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }

    /** Stops accepting, gives exchanges in flight a moment to finish, and stops the workers. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
