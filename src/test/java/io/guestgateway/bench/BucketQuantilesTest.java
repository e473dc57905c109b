package io.guestgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BucketQuantilesTest {

    private final MockClock clock = new MockClock();
    private final Timer timer = Timer.builder("bench.latency").publishPercentileHistogram()
            .publishPercentiles(0.5, 0.99)
            .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
            .register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock));

    @Test
    void aRunReadMinutesAfterItsLastSampleStillHasItsQuantiles() {
        HistogramSnapshot before = timer.takeSnapshot();
        for (int ms = 1; ms <= 1000; ms++) {
            timer.record(Duration.ofMillis(ms));
        }
        clock.add(Duration.ofMinutes(5));
        HistogramSnapshot after = timer.takeSnapshot();

        assertThat(after.percentileValues()[0].value()).as("the decaying client-side percentile has forgotten the run")
                .isZero();
        BucketQuantiles q = BucketQuantiles.between(before, after);
        assertThat(q.samples()).isEqualTo(1000);
        // within a bucket's width (a third) of the exact 500 and 990 ms
        assertThat(q.quantileMs(0.5)).isCloseTo(500, within(500 / 3.0));
        assertThat(q.quantileMs(0.99)).isCloseTo(990, within(990 / 3.0));
        assertThat(q.quantileMs(0.5)).isLessThan(q.quantileMs(0.99));
        assertThat(q.maxBoundMs()).isBetween(1000.0, 1000 * 4 / 3.0);
    }

    @Test
    void onlyTheSamplesAfterTheFirstSnapshotCount() {
        for (int i = 0; i < 500; i++) {
            timer.record(Duration.ofSeconds(30));
        }
        HistogramSnapshot before = timer.takeSnapshot();
        for (int i = 0; i < 100; i++) {
            timer.record(Duration.ofMillis(10));
        }
        BucketQuantiles q = BucketQuantiles.between(before, timer.takeSnapshot());
        assertThat(q.samples()).isEqualTo(100);
        assertThat(q.quantileMs(0.99)).isBetween(5.0, 15.0);
        assertThat(q.maxBoundMs()).as("the 30 s samples before the run are not this run's max").isBetween(10.0, 15.0);
        assertThat(BucketQuantiles.between(before, before).quantileMs(0.5)).isNaN();
    }
}
