package io.github.fakeims.benchmarks;

import java.util.Arrays;
import java.util.Collection;

/** Medians and percentiles; nothing clever. */
public final class Stats {

    private Stats() {
    }

    public static double median(Collection<? extends Number> values) {
        return median(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Nearest-rank percentile of an ascending array; {@code NaN} when empty. */
    public static double percentileOfSorted(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    public static double nanosToMillis(double nanos) {
        return nanos / 1_000_000.0;
    }
}
