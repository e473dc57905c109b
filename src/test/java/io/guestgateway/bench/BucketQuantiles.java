package io.guestgateway.bench;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.concurrent.TimeUnit;

/**
 * Quantiles of a timer's cumulative bucket counts between two snapshots, linearly interpolated
 * within a bucket, as Prometheus' {@code histogram_quantile} reads the same buckets. Unlike
 * Micrometer's client-side percentiles, the buckets never decay: a run whose conversations were
 * all routed minutes before the read is still counted. The error is at most one bucket's width
 * (Micrometer's percentile buckets step by a quarter to a third in the range of these runs).
 */
final class BucketQuantiles {

    private final double[] bounds;
    private final double[] counts;
    private final double total;

    private BucketQuantiles(double[] bounds, double[] counts, double total) {
        this.bounds = bounds;
        this.counts = counts;
        this.total = total;
    }

    /** The samples recorded after {@code before} and up to {@code after} (same timer). */
    static BucketQuantiles between(HistogramSnapshot before, HistogramSnapshot after) {
        CountAtBucket[] b = before.histogramCounts();
        CountAtBucket[] a = after.histogramCounts();
        if (a.length == 0 || b.length != a.length) {
            throw new IllegalArgumentException("the timer publishes no percentile histogram, or its buckets changed");
        }
        double[] bounds = new double[a.length];
        double[] counts = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            bounds[i] = a[i].bucket(TimeUnit.MILLISECONDS);
            counts[i] = a[i].count() - b[i].count();
        }
        return new BucketQuantiles(bounds, counts, after.count() - before.count());
    }

    long samples() {
        return Math.round(total);
    }

    /**
     * The upper bound, in ms, of the bucket that holds the largest sample (NaN with no samples);
     * the timer's own max decays like its percentiles and includes samples from before the run.
     */
    double maxBoundMs() {
        if (total <= 0) {
            return Double.NaN;
        }
        for (int i = 0; i < bounds.length; i++) {
            if (counts[i] >= total) {
                return bounds[i];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** The q-quantile in ms; NaN with no samples; the top bound when it lies above every bucket. */
    double quantileMs(double q) {
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (int i = 0; i < bounds.length; i++) {
            if (counts[i] >= rank) {
                double inBucket = counts[i] - lowerCount;
                return inBucket <= 0 ? bounds[i]
                        : lowerBound + (bounds[i] - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bounds[i];
            lowerCount = counts[i];
        }
        return bounds[bounds.length - 1];
    }
}
