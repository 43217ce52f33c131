package io.github.fakeims.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * How long and how often each benchmark measures. {@link #full()} is the documented run; {@link #smoke()}
 * exercises every measurement in seconds so CI notices when the harness breaks (its numbers mean nothing).
 * Child JVMs learn the mode from the {@code benchmark.mode} system property.
 */
public record Settings(
        String mode,
        int coldStartRounds,
        boolean trimClassPathPerContender,
        Duration loadGlobalWarmup,
        Duration loadWarmupPerConfig,
        Duration loadMeasurePerConfig,
        List<Integer> clientCounts,
        Duration cryptoWarmup,
        Duration cryptoMeasure,
        int extensionClassPairs,
        int testsPerClass,
        int memoryWarmupExchanges,
        int memoryExchanges,
        int memoryCheckpoints) {

    public static final String MODE_PROPERTY = "benchmark.mode";

    public static Settings full() {
        return new Settings("full", 9, true,
                Duration.ofSeconds(6), Duration.ofSeconds(2), Duration.ofSeconds(8), List.of(1, 4, 16),
                Duration.ofSeconds(1), Duration.ofSeconds(3),
                30, 10,
                5_000, 100_000, 10);
    }

    public static Settings smoke() {
        return new Settings("smoke", 1, false,
                Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(200), List.of(1, 4, 16),
                Duration.ofMillis(50), Duration.ofMillis(100),
                2, 3,
                64, 256, 2);
    }

    /** The settings a child JVM was started with. */
    public static Settings current() {
        return forMode(System.getProperty(MODE_PROPERTY, "full"));
    }

    public static Settings forMode(String mode) {
        return switch (mode) {
            case "full" -> full();
            case "smoke" -> smoke();
            default -> throw new IllegalArgumentException("unknown benchmark mode " + mode + " (full or smoke)");
        };
    }

    /** The JVM option that hands these settings to a child JVM (see {@link #current()}). */
    public String childJvmOption() {
        return "-D" + MODE_PROPERTY + "=" + mode;
    }

    public boolean isSmoke() {
        return mode.equals("smoke");
    }
}
