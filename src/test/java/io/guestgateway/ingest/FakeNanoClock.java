package io.guestgateway.ingest;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A nano clock the test moves by hand; starts at an arbitrary non-zero value like System.nanoTime. */
final class FakeNanoClock implements LongSupplier {

    private volatile long now = 987_654_321_000L;

    @Override
    public long getAsLong() {
        return now;
    }

    void advance(Duration by) {
        now += by.toNanos();
    }

    void advanceNanos(long nanos) {
        now += nanos;
    }
}
