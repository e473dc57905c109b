package io.guestgateway.bench;

import io.guestgateway.routing.RoutingMetrics;
import io.guestgateway.sandbox.SandboxState;
import io.guestgateway.simulator.Simulator;
import io.guestgateway.simulator.SimulatorOptions;
import io.guestgateway.simulator.SimulatorReport;
import io.guestgateway.support.GatewayRun;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One measured run through a started gateway: sends the traffic, watches the counters every 20 ms
 * (each rate's clock stops at the last change of its counter) and waits until the pipeline has
 * drained, within a bound. The caller resets the sandbox before, so its counts are this run's.
 */
final class PipelineRun {

    record Result(SimulatorReport sent, LossAccount account, double ingestSeconds, double routedSeconds,
            long crmRecords, long crmBatchesDeadLettered, double crmSeconds, SandboxState sandbox, double p50Ms,
            double p95Ms, double p99Ms, double maxMs, long latencySamples, long peakHeap, long peakRss, boolean drained,
            double drainSeconds, CpuClock.Spent cpu) {
    }

    private PipelineRun() {}

    static Result run(GatewayRun gateway, SimulatorOptions traffic, Duration drainBound) throws InterruptedException {
        SimulatorOptions options = traffic.withTarget(URI.create(gateway.sandbox().apiBase()),
                URI.create(gateway.sandbox().wsUrl()), "sandbox-client", "sandbox-secret");
        LossAccount base = LossAccount.read(gateway, 0);
        double crmDl0 = gateway.counter("gateway.crm.batches", "outcome", "dead-lettered");
        Timer timer = gateway.meters().find(RoutingMetrics.SLA_LATENCY).timer();
        HistogramSnapshot latencyBefore = timer.takeSnapshot();
        MemoryWatch.resetPeaks();
        CpuClock cpuAtStart = CpuClock.now();
        long start = cpuAtStart.wallNanos();
        Watcher watcher = new Watcher(gateway, base, start);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bench-watcher");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(watcher::sample, 0, 20, TimeUnit.MILLISECONDS);
        SimulatorReport sent;
        try {
            sent = Simulator.run(options, new PrintStream(OutputStream.nullOutputStream()));
            watcher.expect(sent.total());
            watcher.drainedSignal.await(drainBound.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
        LossAccount account = LossAccount.read(gateway, sent.total()).minus(base);
        SandboxState state = gateway.sandbox().state();
        BucketQuantiles latency = BucketQuantiles.between(latencyBefore, timer.takeSnapshot());
        return new Result(sent, account, watcher.seconds(watcher.lastReceived), watcher.seconds(watcher.lastRouted),
                state.crmRecords(), Math.round(gateway.counter("gateway.crm.batches", "outcome", "dead-lettered") - crmDl0),
                watcher.seconds(watcher.lastCrm), state, latency.quantileMs(0.5), latency.quantileMs(0.95), latency.quantileMs(0.99),
                latency.maxBoundMs(), latency.samples(),
                MemoryWatch.peakHeapBytes(), MemoryWatch.peakRssBytes(), watcher.drained,
                (System.nanoTime() - start) / 1e9, (watcher.drained ? watcher.drainedAt : CpuClock.now()).since(cpuAtStart));
    }

    /** Samples the counters every 20 ms; signals once drained (all received, queues empty, CRM quiet 2.5 s). */
    private static final class Watcher {
        private final GatewayRun gateway;
        private final LossAccount base;
        private final long start;
        private final CountDownLatch drainedSignal = new CountDownLatch(1);
        private volatile long expected = -1;
        private long received;
        private long routed;
        private long crm;
        volatile long lastReceived;
        volatile long lastRouted;
        volatile long lastCrm;
        volatile boolean drained;
        volatile CpuClock drainedAt;

        Watcher(GatewayRun gateway, LossAccount base, long start) {
            this.gateway = gateway;
            this.base = base;
            this.start = start;
            lastReceived = lastRouted = lastCrm = start;
        }

        void expect(long frames) {
            expected = frames;
        }

        double seconds(long at) {
            return Math.max(1e-9, (at - start) / 1e9);
        }

        /** One sample, on the sampler's single thread. */
        void sample() {
            if (drained) {
                return;
            }
            LossAccount now = LossAccount.read(gateway, 0).minus(base);
            long crmNow = gateway.sandbox().state().crmRecords();
            long t = System.nanoTime();
            if (now.received() != received) {
                received = now.received();
                lastReceived = t;
            }
            if (now.routed() != routed) {
                routed = now.routed();
                lastRouted = t;
            }
            if (crmNow != crm) {
                crm = crmNow;
                lastCrm = t;
            }
            if (expected >= 0 && received >= expected && now.queued() == 0
                    && LossAccount.queueDepth(gateway, "guest.crm") == 0
                    && t - Math.max(lastCrm, lastReceived) > 2_500_000_000L) {
                drainedAt = CpuClock.now();
                drained = true;
                drainedSignal.countDown();
            }
        }
    }
}
