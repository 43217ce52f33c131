package io.github.fakeims.server.internal.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Plain-HTTP listeners on a free loopback port, made ahead on a daemon thread: at most one per host, and
 * only once a fake on a free port of that host has closed (the pattern of a test run, a fake per test class;
 * a standalone fake, never closed, makes none). The JDK server's constructor binds and starts two timer
 * threads, and starting a thread waits until the new one runs: on a busy machine 1–2 ms of the test class
 * that starts the fake (BENCHMARKS.md, "The extension's cost per class"). A spare is bound but accepts nothing
 * until the fake that takes it starts it, on that fake's own thread (its dispatcher is then the thread the
 * caller would have made, daemon or not); one never taken goes with the JVM, its timer threads being daemons.
 */
final class SpareListeners {

    /** Hosts a spare may listen on: loopback only, never an address other machines reach. */
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    static final SpareListeners SHARED = new SpareListeners(new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(LOOPBACK.size()), runnable -> {
                Thread thread = new Thread(runnable, "fake-ims-spare-listener");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy()));

    private final Map<String, HttpServer> ready = new ConcurrentHashMap<>();
    private final Executor maker;

    SpareListeners(Executor maker) {
        this.maker = maker;
    }

    /** Whether a fake asking for {@code host:port} may be served by a spare: a free port of a loopback host. */
    static boolean applies(String host, int port) {
        return port == 0 && LOOPBACK.contains(host);
    }

    /** The spare listener for {@code host}, if one is ready; the next is made when a fake on it closes. */
    Optional<HttpServer> take(String host) {
        return Optional.ofNullable(ready.remove(host));
    }

    /** Makes a spare for {@code host} in the background, unless one is ready or the host is not loopback. */
    void prepare(String host) {
        if (!applies(host, 0) || ready.containsKey(host)) {
            return;
        }
        maker.execute(() -> {
            if (ready.containsKey(host)) {
                return;
            }
            try {
                HttpServer spare = HttpServer.create(new InetSocketAddress(host, 0), 0);
                if (ready.putIfAbsent(host, spare) != null) {
                    spare.stop(0);
                }
            } catch (IOException | RuntimeException e) {
                // none made: the next fake binds its own, as it would without spares
            }
        });
    }

    /** How many spares are ready: at most one per loopback host. */
    int ready() {
        return ready.size();
    }
}
