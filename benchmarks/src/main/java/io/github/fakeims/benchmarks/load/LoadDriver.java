package io.github.fakeims.benchmarks.load;

import io.github.fakeims.benchmarks.LoopbackHttp;
import io.github.fakeims.benchmarks.Stats;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load driver: each client thread sends a pre-built request, waits for the answer, sends
 * the next. Bounded by time (or by a request count) and stops by itself. Requests that start after
 * the warm-up and before the end are measured, at least one per client.
 */
public final class LoadDriver {

    /** Past this many failed requests a run gives up instead of measuring a broken server. */
    private static final long MAX_ERRORS = 1_000;

    private final URL url;
    private final List<byte[]> bodies;

    /** @param bodies request bodies sent in turn (pre-signed JWTs, so no client-side signing is measured) */
    public LoadDriver(URL url, List<byte[]> bodies) {
        this.url = url;
        this.bodies = List.copyOf(bodies);
    }

    public record Result(int clients, double seconds, long errors, long[] sortedLatencyNanos) {

        public long requests() {
            return sortedLatencyNanos.length;
        }

        public double throughputPerSecond() {
            return requests() / seconds;
        }

        public double p50Millis() {
            return Stats.nanosToMillis(Stats.percentileOfSorted(sortedLatencyNanos, 50));
        }

        public double p99Millis() {
            return Stats.nanosToMillis(Stats.percentileOfSorted(sortedLatencyNanos, 99));
        }
    }

    /**
     * {@code clients} threads for {@code warmup}, then {@code measure} with every request's latency
     * recorded: each request that starts in the window counts, and each client measures at least one,
     * so a slow or busy machine stretches the window (the throughput divides by the stretched span)
     * instead of leaving it empty.
     */
    public Result runFor(int clients, Duration warmup, Duration measure) {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureUntil = measureFrom + measure.toNanos();
        AtomicLong errors = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong(measureUntil);
        boolean measuring = !measure.isZero() && !measure.isNegative();
        List<long[]> perClient = runClients(clients, client -> {
            Latencies latencies = new Latencies();
            int next = client;
            for (long start = System.nanoTime(); start < measureUntil || measuring && latencies.isEmpty(); start = System.nanoTime()) {
                boolean ok = send(bodies.get(next++ % bodies.size()), errors);
                long end = System.nanoTime();
                if (start >= measureFrom && measuring) {
                    latencies.add(end - start);
                    lastEnd.accumulateAndGet(end, Math::max);
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
            }
            return latencies.toArray();
        });
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(clients, (lastEnd.get() - measureFrom) / 1e9, errors.get(), all);
    }

    /** Sends exactly {@code total} requests spread over {@code clients} threads; returns the failures. */
    public long runCount(int clients, long total) {
        AtomicLong remaining = new AtomicLong(total);
        AtomicLong errors = new AtomicLong();
        runClients(clients, client -> {
            int next = client;
            while (remaining.getAndDecrement() > 0) {
                if (!send(bodies.get(next++ % bodies.size()), errors)) {
                    errors.incrementAndGet();
                }
            }
            return new long[0];
        });
        return errors.get();
    }

    private boolean send(byte[] body, AtomicLong errors) {
        if (errors.get() > MAX_ERRORS) {
            throw new IllegalStateException("more than " + MAX_ERRORS + " failed requests to " + url + "; giving up");
        }
        try {
            return LoopbackHttp.postForm(url, body).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private interface Client {
        long[] run(int index) throws Exception;
    }

    private static List<long[]> runClients(int clients, Client client) {
        List<Thread> threads = new ArrayList<>();
        long[][] results = new long[clients][];
        Throwable[] failure = new Throwable[1];
        for (int i = 0; i < clients; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                try {
                    results[index] = client.run(index);
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "load-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        synchronized (failure) {
            if (failure[0] != null) {
                throw new IllegalStateException("a load client failed: " + failure[0], failure[0]);
            }
        }
        return Arrays.asList(results);
    }

    /** A growable array of latencies: no boxing while measuring. */
    private static final class Latencies {
        private long[] values = new long[4096];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        boolean isEmpty() {
            return size == 0;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
