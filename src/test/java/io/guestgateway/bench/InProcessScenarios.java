package io.guestgateway.bench;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.guestgateway.deadletter.DeadLetter;
import io.guestgateway.deadletter.DeadLetterStore;
import io.guestgateway.routing.RoutingMetrics;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.Target;
import io.guestgateway.simulator.Simulator;
import io.guestgateway.simulator.SimulatorOptions;
import io.guestgateway.simulator.SimulatorReport;
import io.guestgateway.support.GatewayRun;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import jakarta.jms.JMSException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** The scenarios that run against one in-process gateway, one after the other. */
final class InProcessScenarios {

    /** How often a scenario looks while it keeps a fault on. */
    private static final Duration WATCH = Duration.ofMillis(100);
    /** The flaky-API bound: a conversation routed within this long of being sent. */
    static final Duration FLAKY_BOUND = Duration.ofSeconds(40);
    private static final int FLAKY_WAVE = 30;
    /** Fixed simulator seeds: the same conversation ids, so each meets the same seeded 503s every run. */
    private static final long FLAKY_SEED = 105_000;

    private final GatewayRun gateway;
    private final CxoneSandbox sandbox;
    private final boolean full;
    private final Duration settleBound;
    private final Duration routingOutage;

    /** @param routingOutage how long the routing API outage lasts; {@code null}: 8 s short, 2 min full */
    InProcessScenarios(GatewayRun gateway, CxoneSandbox sandbox, boolean full, Duration routingOutage) {
        this.gateway = gateway;
        this.sandbox = sandbox;
        this.full = full;
        this.routingOutage = routingOutage != null ? routingOutage : full ? Duration.ofMinutes(2) : Duration.ofSeconds(8);
        // a bound, not a wait: on two cores shared with other builds a drain takes several times longer
        this.settleBound = full ? Duration.ofMinutes(15) : Duration.ofMinutes(3);
    }

    /** Routing API answers 503 to everything for a while, then recovers: nothing dead-lettered, all routed once. */
    ScenarioResult routingOutage() throws Exception {
        Duration outage = routingOutage;
        SuiteRun run = new SuiteRun(gateway, sandbox);
        FaultSettings normal = sandbox.faults(Target.ROUTING);
        sandbox.setFaults(Target.ROUTING, normal.withOutage(true));
        SimulatorReport sent;
        long routedDuring;
        try {
            sent = simulate(300, 2, 101);
            // the outage lasts its set time; nothing may be routed meanwhile (checked again below)
            Poll.holds(outage.minus(Duration.ofNanos(Math.round(run.seconds() * 1e9))), WATCH,
                    () -> run.sandbox().routed() == 0);
            routedDuring = run.sandbox().routed();
        } finally {
            sandbox.setFaults(Target.ROUTING, normal);
        }
        long lifted = System.nanoTime();
        Poll.until(settleBound, Duration.ofMillis(20), () -> run.sandbox().routed() >= 300);
        double recovery = (System.nanoTime() - lifted) / 1e9;
        boolean settled = run.settle(sent.total(), false, settleBound);
        LossAccount a = run.account(sent.total());
        SandboxDelta s = run.sandbox();
        return run.verdict("routing API outage " + outage.toSeconds() + " s", sent.total(), false, settled,
                routedDuring == 0 && a.deadLettered() == 0 && s.routed() == 300,
                String.format(Locale.ROOT, "503s %,d, routed during outage %d, dead-lettered %d, conversations 300,"
                        + " all routed %.1f s after the outage ended", s.routing503(), routedDuring, a.deadLettered(),
                        recovery));
    }

    /**
     * Every third routing call answered 429 with Retry-After: 1 s: CXone pacing us. A 429 spends no
     * retry and is no breaker failure, so every conversation is routed and none dead-lettered (only
     * routing.max-pacing, 5 minutes of waiting on 429s, would dead-letter one).
     */
    ScenarioResult storm429() throws Exception {
        SuiteRun run = new SuiteRun(gateway, sandbox);
        FaultSettings normal = sandbox.faults(Target.ROUTING);
        sandbox.setFaults(Target.ROUTING, normal.withEvery429(3).withRetryAfterSeconds(1));
        SimulatorReport sent;
        boolean settled;
        int guests = full ? 2_000 : 300;
        try {
            sent = simulate(guests, 2, 102);
            settled = run.settle(sent.total(), false, settleBound);
        } finally {
            sandbox.setFaults(Target.ROUTING, normal);
        }
        LossAccount a = run.account(sent.total());
        SandboxDelta s = run.sandbox();
        return run.verdict("429 storm (every 3rd call, Retry-After 1 s)", sent.total(), false, settled,
                s.routing429() > 0 && s.routed() == guests && a.deadLettered() == 0 && run.routingDlqAdded() == 0,
                String.format(Locale.ROOT, "429s %,d, 201s %,d, dead-lettered %d (in guest.routing.dlq: %d)",
                        s.routing429(), s.routing201(), a.deadLettered(), run.routingDlqAdded()));
    }

    /**
     * A routing API that answers most calls but not all: 30 % of calls 503, every fourth 429 with
     * Retry-After: 2 s. Waves of 30 single-message conversations (one short, twenty full), each
     * sent at once and routed before the next is sent. Passes when every wave is done within
     * {@link #FLAKY_BOUND} of being sent and the breaker never opened (the API was never down).
     * Each conversation is routed once, or dead-lettered because its own calls met five 503s in a
     * row (the contract's 4 retries; 0.3^5, about 1 in 400): those must be in guest.routing.dlq
     * with their 503, never for a 429. The seeds are fixed, so the conversations that meet five
     * 503s in a row are the same every run; one of them may still be routed, when other calls
     * failing at the same time make it wait instead (RoutingRedeliveryPlanner).
     */
    ScenarioResult flakyApi() throws Exception {
        int waves = full ? 20 : 1;
        SuiteRun run = new SuiteRun(gateway, sandbox);
        AtomicInteger openings = new AtomicInteger();
        gateway.context().getBean(CircuitBreaker.class).getEventPublisher().onStateTransition(e -> {
            if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openings.incrementAndGet();
            }
        });
        Timer timeToRoute = gateway.meters().find(RoutingMetrics.SLA_LATENCY).timer();
        HistogramSnapshot before = timeToRoute.takeSnapshot();
        FaultSettings normal = sandbox.faults(Target.ROUTING);
        sandbox.setFaults(Target.ROUTING, normal.withFailureRate(0.3).withEvery429(4).withRetryAfterSeconds(2));
        long sent = 0;
        double slowestWave = 0;
        int openingsDuring;
        try {
            for (int wave = 0; wave < waves; wave++) {
                long routedBefore = run.account(0).routed() + run.account(0).deadLettered();
                long start = System.nanoTime();
                sent += simulate(FLAKY_WAVE, 1, FLAKY_SEED + wave, false).total();
                boolean done = Poll.until(Duration.ofMinutes(2), Duration.ofMillis(20), () ->
                        run.account(0).routed() + run.account(0).deadLettered() - routedBefore >= FLAKY_WAVE);
                slowestWave = Math.max(slowestWave, (System.nanoTime() - start) / 1e9);
                if (!done) {
                    break;
                }
            }
            openingsDuring = openings.get();
        } finally {
            sandbox.setFaults(Target.ROUTING, normal);
        }
        boolean settled = run.settle(sent, false, settleBound);
        BucketQuantiles ttr = BucketQuantiles.between(before, timeToRoute.takeSnapshot());
        LossAccount a = run.account(sent);
        SandboxDelta s = run.sandbox();
        long conversations = (long) waves * FLAKY_WAVE;
        boolean inTime = slowestWave <= FLAKY_BOUND.toSeconds();
        List<Integer> deadLetterStatuses = routingDeadLetterStatuses(run.routingDlqAdded());
        return run.verdict(String.format(Locale.ROOT, "flaky API (30 %% 503, every 4th 429), %d x %d", waves,
                        FLAKY_WAVE), sent, false, settled,
                inTime && openingsDuring == 0 && s.routed() + a.deadLettered() == conversations
                        && deadLetterStatuses.size() == a.deadLettered() && deadLetterStatuses.stream().allMatch(st -> st == 503),
                String.format(Locale.ROOT, "conversations %,d, calls answered 503 %,d and 429 %,d; time to route"
                                + " p50 %.2f s, p99 %.2f s, max <= %.1f s (histogram bucket); slowest wave done"
                                + " %.1f s after sending (bound %d s%s); breaker openings %d; dead-lettered %d after"
                                + " five 503s in a row (in guest.routing.dlq, last statuses %s)",
                        conversations, s.routing503(), s.routing429(), ttr.quantileMs(0.5) / 1000,
                        ttr.quantileMs(0.99) / 1000, ttr.maxBoundMs() / 1000, slowestWave, FLAKY_BOUND.toSeconds(),
                        inTime ? "" : ", EXCEEDED", openingsDuring, a.deadLettered(), deadLetterStatuses));
    }

    /** CRM answers 503 to everything for a while: its batches wait or go whole to guest.crm.dlq, none lost. */
    ScenarioResult crmOutage() throws Exception {
        Duration outage = full ? Duration.ofMinutes(2) : Duration.ofSeconds(8);
        SuiteRun run = new SuiteRun(gateway, sandbox);
        FaultSettings normal = sandbox.faults(Target.CRM);
        sandbox.setFaults(Target.CRM, normal.withOutage(true));
        SimulatorReport sent;
        long crmDuring;
        try {
            sent = simulate(200, 2, 103);
            // the outage lasts its set time; the CRM may accept nothing meanwhile (checked again below)
            Poll.holds(outage.minus(Duration.ofNanos(Math.round(run.seconds() * 1e9))), WATCH,
                    () -> run.sandbox().crmRecords() == 0);
            crmDuring = run.sandbox().crmRecords();
        } finally {
            sandbox.setFaults(Target.CRM, normal);
        }
        boolean settled = run.settle(sent.total(), false, settleBound);
        SandboxDelta s = run.sandbox();
        long dl = run.crmBatchesDeadLettered();
        long dlq = run.crmDlqAdded();
        return run.verdict("CRM outage " + outage.toSeconds() + " s", sent.total(), false, settled,
                crmDuring == 0 && s.crm5xx() > 0 && s.crmRecords() > 0 && dl == dlq,
                String.format(Locale.ROOT, "CRM 503s %,d, CRM records after recovery %,d, batches dead-lettered %d"
                        + " (in guest.crm.dlq: %d)", s.crm5xx(), s.crmRecords(), dl, dlq));
    }

    /** Every WebSocket (the gateway's and the guests') closed every 3 s; the sender reconnects and goes on. */
    ScenarioResult webSocketCuts() throws Exception {
        Duration period = full ? Duration.ofMinutes(1) : Duration.ofSeconds(9);
        SuiteRun run = new SuiteRun(gateway, sandbox);
        AtomicBoolean stop = new AtomicBoolean();
        FrameBlaster blaster = new FrameBlaster(sandbox.apiBase(), sandbox.wsUrl());
        Thread sender = new Thread(() -> {
            try {
                blaster.send(paced(guestFrames("cut", stop), 300), 1_000);
            } catch (Exception e) {
                System.err.println("cut scenario sender gave up: " + e);
            }
        }, "cut-sender");
        sender.start();
        int cuts = 0;
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            Poll.holds(Duration.ofSeconds(3), WATCH, sender::isAlive); // the cut cadence; the sender keeps going
            sandbox.closeAllWebSockets(1001);
            cuts++;
        }
        stop.set(true);
        sender.join(60_000);
        boolean subscribed = subscribed();
        boolean settled = run.settle(blaster.sent(), true, settleBound);
        return run.verdict("WebSocket cut every 3 s for " + period.toSeconds() + " s", blaster.sent(), true, settled,
                !sender.isAlive() && subscribed, String.format(Locale.ROOT, "cuts %d, sender reconnects %d, frames"
                        + " written %,d, dropped by the hub while no gateway was connected %,d, gateway subscribed"
                        + " again %s", cuts, blaster.reconnects(), blaster.sent(), run.sandbox().hubDropped(),
                        subscribed));
    }

    /** Malformed and hostile frames at full speed, with some valid guest messages among them. */
    ScenarioResult hostileCorpus() throws Exception {
        long total = full ? 200_000 : 20_000;
        SuiteRun run = new SuiteRun(gateway, sandbox);
        FrameBlaster blaster = new FrameBlaster(sandbox.apiBase(), sandbox.wsUrl());
        long start = System.nanoTime();
        blaster.send(HostileCorpus.frames(total, 50, "hostile" + System.nanoTime()), 3);
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        boolean settled = run.settle(blaster.sent(), false, settleBound);
        boolean subscribed = subscribed();
        LossAccount a = run.account(blaster.sent());
        return run.verdict("hostile frame corpus", blaster.sent(), false, settled,
                subscribed && a.rejected() > 0 && blaster.reconnects() == 0,
                String.format(Locale.ROOT, "%,d frames (%d kinds) in %.1f s = %,.0f/s, rejected %,d, valid %,d,"
                                + " gateway still subscribed %s", blaster.sent(), HostileCorpus.templates().size(),
                        sendSeconds, blaster.sent() / sendSeconds, a.rejected(),
                        HostileCorpus.validFrames(total, 50), subscribed));
    }

    /** Every frame a new fingerprint: the flood guard's memory must stay bounded. */
    ScenarioResult spoofFlood() throws Exception {
        long total = full ? 1_000_000 : 20_000;
        SuiteRun run = new SuiteRun(gateway, sandbox);
        long heapBefore = MemoryWatch.usedHeapAfterGc();
        long crmBatches0 = sandbox.state().crmBatches();
        MemoryWatch.resetPeaks();
        FrameBlaster blaster = new FrameBlaster(sandbox.apiBase(), sandbox.wsUrl());
        long start = System.nanoTime();
        blaster.send(HostileCorpus.spoofed(total, 200, "spoof" + System.nanoTime()), 3);
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        // every frame is accepted, so every one is a message for routing (a duplicate of one of 200
        // conversations) and for the CRM: the drain scales with the frames, and so does its bound
        Duration bound = settleBound.plus(Duration.ofMillis(5 * total));
        Poll.until(bound, Duration.ofMillis(50), () -> run.account(0).received() >= blaster.sent());
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        long tracked = gateway.context().getBean(io.guestgateway.ingest.FloodGuard.class).tracked();
        long peakHeapScreening = MemoryWatch.peakHeapBytes();
        // after the drain: a backlog in the broker is not the flood guard's memory
        boolean settled = run.settle(blaster.sent(), false, bound);
        double drainSeconds = (System.nanoTime() - start) / 1e9;
        long heapAfter = MemoryWatch.usedHeapAfterGc();
        long growth = heapAfter - heapBefore;
        long heapBound = 150_000_000L * total / 1_000_000 + 50_000_000L;
        return run.verdict(String.format(Locale.ROOT, "spoofed-fingerprint flood %,d", total), blaster.sent(), false,
                settled, growth < heapBound, String.format(Locale.ROOT, "sent in %.1f s = %,.0f/s, all screened after"
                                + " %.1f s (fingerprints tracked then %,d), drained after %.1f s (CRM batches %,d); heap"
                                + " after GC and drain %s -> %s (growth %s, bound %s); peak heap %s while screening, %s"
                                + " in all (-Xmx %s, broker backlog included); peak RSS %s", sendSeconds,
                        blaster.sent() / sendSeconds, ingestSeconds, tracked, drainSeconds,
                        sandbox.state().crmBatches() - crmBatches0, BenchReport.mb(heapBefore),
                        BenchReport.mb(heapAfter), BenchReport.mb(growth), BenchReport.mb(heapBound),
                        BenchReport.mb(peakHeapScreening), BenchReport.mb(MemoryWatch.peakHeapBytes()),
                        BenchReport.mb(Runtime.getRuntime().maxMemory()), BenchReport.mb(MemoryWatch.peakRssBytes())));
    }

    /** The last HTTP status of the newest {@code count} dead letters in guest.routing.dlq. */
    private List<Integer> routingDeadLetterStatuses(long count) throws JMSException {
        List<DeadLetter> all = gateway.context().getBean(DeadLetterStore.class).list("guest.routing.dlq", 10_000)
                .deadLetters();
        return all.subList((int) Math.max(0, all.size() - count), all.size()).stream().map(DeadLetter::lastStatus).toList();
    }

    private boolean subscribed() {
        return SuiteRun.subscribed(gateway, Duration.ofSeconds(60));
    }

    private SimulatorReport simulate(int guests, int perGuest, long seed) {
        return simulate(guests, perGuest, seed, true);
    }

    /** {@code fresh}: new conversation ids each run (the seed mixed with the clock); else exactly {@code seed}'s. */
    private SimulatorReport simulate(int guests, int perGuest, long seed, boolean fresh) {
        // the hub drops frames while no gateway holds the subscription (after a restart or a cut)
        if (!subscribed()) {
            throw new IllegalStateException("the gateway did not hold the CXone WebSocket within 60 s; nothing sent");
        }
        SimulatorOptions options = SimulatorOptions.defaults().withTraffic(guests, perGuest).withConnections(2)
                .withSeed(fresh ? seed + System.nanoTime() % 1_000_000 * 1_000 : seed)
                .withTarget(URI.create(sandbox.apiBase()), URI.create(sandbox.wsUrl()), "sandbox-client", "sandbox-secret");
        return Simulator.run(options, new PrintStream(OutputStream.nullOutputStream()));
    }

    /** Valid guest frames, two per conversation, until {@code stop}. */
    private static Iterator<String> guestFrames(String tag, AtomicBoolean stop) {
        String run = tag + System.nanoTime();
        return new Iterator<>() {
            long k;

            @Override
            public boolean hasNext() {
                return !stop.get();
            }

            @Override
            public String next() {
                long n = k++ / 2;
                return "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-" + run + "-" + n
                        + "\",\"text\":\"hello\",\"metadata\":{\"browserFingerprint\":\"fp-" + run + "-" + n
                        + "\",\"routing\":{\"queueId\":\"billing\"}}}";
            }
        };
    }

    /** At most {@code perSecond} frames a second, so a backlog does not outlast the scenario. */
    private static Iterator<String> paced(Iterator<String> frames, int perSecond) {
        long start = System.nanoTime();
        return new Iterator<>() {
            long n;

            @Override
            public boolean hasNext() {
                return frames.hasNext();
            }

            @Override
            public String next() {
                long due = start + n++ * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                return frames.next();
            }
        };
    }
}
