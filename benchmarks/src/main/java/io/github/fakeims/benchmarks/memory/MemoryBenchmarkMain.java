package io.github.fakeims.benchmarks.memory;

import io.github.fakeims.benchmarks.Measurement;
import io.github.fakeims.benchmarks.Settings;
import io.github.fakeims.benchmarks.SignedJwts;
import io.github.fakeims.benchmarks.load.LoadDriver;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * Child main: heap in use after full GCs, measured after a warm-up and then after each slice of many
 * exchanges (100,000 in the full run) against one in-process fake. A fake that remembered its tokens or
 * requests without bound would grow linearly; the least-squares slope over the checkpoints is the
 * retained size per exchange. The journal and the issued-token list are bounded (1000 each by default):
 * full after the warm-up, then flat; what one entry of each holds is measured by clearing them.
 */
public final class MemoryBenchmarkMain {

    /** More connections than the load's largest row: the run stays CPU-bound (short) with many held open. */
    private static final int CLIENTS = 32;
    private static final int SIGNED_JWTS = 64;

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.current();
        SignedJwts keys = SignedJwts.create();
        try (FakeImsServer server = FakeImsServer.start(FakeImsConfig.builder().credential(keys.credential()).build())) {
            LoadDriver exchange = new LoadDriver(new URL(server.baseUrl() + "/ims/exchange/jwt"),
                    keys.exchangeForms(server.baseUrl(), SIGNED_JWTS));
            long errors = exchange.runCount(CLIENTS, settings.memoryWarmupExchanges());
            long baseline = heapUsedAfterGc();

            int slice = settings.memoryExchanges() / settings.memoryCheckpoints();
            List<long[]> checkpoints = new ArrayList<>(); // {exchanges done, heap used}
            checkpoints.add(new long[] {0, baseline});
            for (int i = 1; i <= settings.memoryCheckpoints(); i++) {
                errors += exchange.runCount(CLIENTS, slice);
                checkpoints.add(new long[] {(long) i * slice, heapUsedAfterGc()});
            }
            long last = checkpoints.get(checkpoints.size() - 1)[1];
            long highest = checkpoints.stream().mapToLong(point -> point[1]).max().orElseThrow();

            Measurement.print("memory.exchanges", (double) slice * settings.memoryCheckpoints(), "count");
            Measurement.print("memory.errors", errors, "count");
            Measurement.print("memory.heap_after_warmup_mb", baseline / 1e6, "MB");
            Measurement.print("memory.heap_after_exchanges_mb", last / 1e6, "MB");
            Measurement.print("memory.growth_mb", (last - baseline) / 1e6, "MB");
            Measurement.print("memory.highest_checkpoint_growth_mb", (highest - baseline) / 1e6, "MB");
            Measurement.print("memory.retained_bytes_per_exchange", slope(checkpoints), "bytes");

            // What the bounded journal and issued-token list hold once full: freed by clearing each.
            int held = server.journal().entries().size();
            long full = heapUsedAfterGc();
            server.journal().clear();
            long withoutJournal = heapUsedAfterGc();
            server.reset();
            long withoutTokens = heapUsedAfterGc();
            Measurement.print("memory.journal_entries", held, "count");
            Measurement.print("memory.bytes_per_journal_entry", held == 0 ? 0 : (double) (full - withoutJournal) / held, "bytes");
            Measurement.print("memory.bytes_per_listed_token", held == 0 ? 0 : (double) (withoutJournal - withoutTokens) / held, "bytes");
        }
    }

    /** Heap in use after the JVM's full collections have settled. */
    private static long heapUsedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Least-squares slope of heap bytes over exchanges. */
    private static double slope(List<long[]> points) {
        double meanX = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double meanY = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (long[] point : points) {
            covariance += (point[0] - meanX) * (point[1] - meanY);
            variance += (point[0] - meanX) * (point[0] - meanX);
        }
        return covariance / variance;
    }
}
