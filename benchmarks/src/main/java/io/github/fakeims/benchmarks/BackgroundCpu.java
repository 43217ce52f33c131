package io.github.fakeims.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * How much CPU went elsewhere while a section ran: machine-wide busy time ({@code /proc/stat}, including
 * hypervisor steal) minus this JVM's and its finished children's ({@code /proc/self/stat}). On a shared
 * 2-core machine this says how far to trust a section's numbers. Linux only; elsewhere it measures nothing.
 */
final class BackgroundCpu {

    private final long machineBusyTicks;
    private final long ownTicks;
    private final long startedNanos;

    private BackgroundCpu(long machineBusyTicks, long ownTicks) {
        this.machineBusyTicks = machineBusyTicks;
        this.ownTicks = ownTicks;
        this.startedNanos = System.nanoTime();
    }

    static Optional<BackgroundCpu> start() {
        try {
            return Optional.of(new BackgroundCpu(machineBusyTicks(), ownTicks()));
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }

    /** Average number of cores busy outside this benchmark since {@link #start()}. */
    Optional<Double> otherCores() {
        try {
            long others = (machineBusyTicks() - machineBusyTicks) - (ownTicks() - ownTicks);
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            return Optional.of(Math.max(0, others / (double) TICKS_PER_SECOND / seconds));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** USER_HZ, 100 on every mainstream Linux. */
    private static final int TICKS_PER_SECOND = 100;

    /** user + nice + system + irq + softirq + steal of the {@code cpu} line. */
    private static long machineBusyTicks() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
        long[] fields = Arrays.stream(cpu.substring("cpu".length()).trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
        return fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
    }

    /** utime + stime + cutime + cstime of this process (after the command name, which may hold spaces). */
    private static long ownTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is the state (field 3 of the man page), so utime (field 14) is fields[11].
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }
}
