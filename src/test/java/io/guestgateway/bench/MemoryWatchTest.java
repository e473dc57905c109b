package io.guestgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class MemoryWatchTest {

    @Test
    void thePeakIsTheHeapInUseJustBeforeACollectionAndNeverAboveTheMaximum() {
        MemoryWatch.resetPeaks();
        long before = MemoryWatch.usedHeapBytes();
        List<byte[]> held = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            held.add(new byte[1 << 20]); // 64 MB held at once
        }
        long whileHeld = MemoryWatch.usedHeapBytes();
        held.clear();
        System.gc();
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> MemoryWatch.peakHeapBytes() > MemoryWatch.usedHeapBytes() + 32_000_000L);

        assertThat(whileHeld - before).isGreaterThanOrEqualTo(60_000_000L);
        assertThat(MemoryWatch.peakHeapBytes()).isGreaterThanOrEqualTo(before + 60_000_000L)
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
    }
}
