package dev.tollgate.bench.load;

import java.util.Arrays;

/** Response times of one measured phase, for percentiles. Not thread-safe: one per worker, merged at the end. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.count; i++) {
                all.add(part.nanos[i]);
            }
        }
        Arrays.sort(all.nanos, 0, all.count);
        return all;
    }

    int count() {
        return count;
    }

    /** The nearest-rank percentile in milliseconds; call on a merged, sorted instance. */
    double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return nanos[Math.max(0, rank - 1)] / 1e6;
    }
}
