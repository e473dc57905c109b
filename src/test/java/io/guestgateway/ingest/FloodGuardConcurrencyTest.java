package io.guestgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several ingest threads at once: exact totals, no lost or extra acquisitions. */
class FloodGuardConcurrencyTest {

    static final int THREADS = 4;
    final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void oneFingerprintManyThreadsExactlyMaxAllowed() throws Exception {
        FloodGuard guard = new FloodGuard(1_000, Duration.ofHours(1), 1_000_000);
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger firsts = new AtomicInteger();
        runConcurrently(thread -> {
            for (int i = 0; i < 5_000; i++) {
                switch (guard.check("hot")) {
                    case ALLOWED -> allowed.incrementAndGet();
                    case BLOCKED_FIRST -> firsts.incrementAndGet();
                    case BLOCKED -> { }
                }
            }
        });
        assertThat(allowed.get()).isEqualTo(1_000);
        assertThat(firsts.get()).isEqualTo(1);
    }

    @Test
    void manyFingerprintsManyThreadsExactlyMaxEach() throws Exception {
        FloodGuard guard = new FloodGuard(15, Duration.ofHours(1), 1_000_000);
        int fingerprints = 2_000;
        AtomicIntegerArray allowed = new AtomicIntegerArray(fingerprints);
        runConcurrently(thread -> {
            for (int round = 0; round < 20; round++) {
                for (int f = 0; f < fingerprints; f++) {
                    int fp = (f + thread * 97) % fingerprints;
                    if (guard.tryAcquire("fp-" + fp)) {
                        allowed.incrementAndGet(fp);
                    }
                }
            }
        });
        for (int f = 0; f < fingerprints; f++) {
            assertThat(allowed.get(f)).as("fp-%d", f).isEqualTo(15);
        }
        assertThat(guard.tracked()).isEqualTo(fingerprints);
    }

    @Test
    void spoofFloodFromManyThreadsStaysUnderTheCap() throws Exception {
        FloodGuard guard = new FloodGuard(15, Duration.ofHours(1), 20_000);
        runConcurrently(thread -> {
            for (int i = 0; i < 50_000; i++) {
                assertThat(guard.tryAcquire("t" + thread + "-" + i)).isTrue();
                if (i % 5_000 == 0) {
                    assertThat(guard.tracked()).isLessThanOrEqualTo(20_000);
                }
            }
        });
        assertThat(guard.tracked()).isEqualTo(20_000); // 4 stripes of 5,000, all full
    }

    interface Work {
        void run(int thread) throws Exception;
    }

    private void runConcurrently(Work work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                work.run(thread);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(20, TimeUnit.SECONDS); // rethrows a failed assertion from the thread
        }
    }
}
