package io.guestgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class MemoryWatchTest {

    private static final long HELD = 64L << 20;

    @Test
    void thePeakIsTheHeapInUseJustBeforeACollectionAndNeverAboveTheMaximum() {
        MemoryWatch.resetPeaks();
        List<byte[]> held = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            held.add(new byte[1 << 20]);
        }
        System.gc(); // the 64 MB are still referenced, so in use before (and after) this collection
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> MemoryWatch.peakHeapBytes() >= HELD);
        assertThat(held).hasSize(64);
        held.clear();
        System.gc();

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> MemoryWatch.peakHeapBytes() > MemoryWatch.usedHeapBytes() + HELD / 2);
        assertThat(MemoryWatch.peakHeapBytes()).isBetween(HELD, Runtime.getRuntime().maxMemory());
    }
}
