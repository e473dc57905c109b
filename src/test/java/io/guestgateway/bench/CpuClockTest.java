package io.guestgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class CpuClockTest {

    @Test
    void costPerUnitAndTheCoresATargetRateNeeds() {
        CpuClock.Spent spent = new CpuClock.Spent(2_000, 300, 100, 1.0);

        assertThat(spent.cores()).isCloseTo(2.0, within(1e-9));
        assertThat(spent.perUnit(400)).isCloseTo(5.0, within(1e-9));
        assertThat(spent.coresAt(1_600, 400)).isCloseTo(8.0, within(1e-9));
        assertThat(spent.perUnitWithoutJit(400)).isCloseTo(4.25, within(1e-9));
        assertThat(spent.perUnit(0)).isNaN();
    }

    @Test
    void aBusyThreadShowsUpAsProcessCpu() {
        long threadCpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        CpuClock before = CpuClock.now();
        long sink = 0;
        for (long i = 0; ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpuBefore < 100_000_000L
                && i < 2_000_000_000L; i++) {
            sink += i % 7;
        }
        CpuClock.Spent spent = CpuClock.now().since(before);

        assertThat(sink).isPositive();
        assertThat(spent.known()).isTrue();
        // the process clock counts in ticks (times(2)), so the difference of two readings can come out
        // a tick short of what this thread spent (CI read 90 ms once the other threads were quiet);
        // two ticks of room
        long tickMillis = CpuClock.NANOS_PER_TICK / 1_000_000L;
        assertThat(spent.cpuMillis()).isGreaterThanOrEqualTo(100 - 2 * tickMillis);
        assertThat(spent.seconds()).isPositive();
        assertThat(spent.jitMillis()).isBetween(0.0, spent.cpuMillis());
        assertThat(spent.gcMillis()).isBetween(0.0, spent.cpuMillis());
    }
}
