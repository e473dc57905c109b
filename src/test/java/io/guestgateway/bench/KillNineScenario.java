package io.guestgateway.bench;

import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.SandboxState;
import io.guestgateway.sandbox.Target;
import io.guestgateway.simulator.Simulator;
import io.guestgateway.simulator.SimulatorOptions;
import io.guestgateway.simulator.SimulatorReport;
import io.guestgateway.support.ChildGateway;
import io.guestgateway.support.GatewayRun;
import io.guestgateway.support.Prometheus;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kill -9} of the gateway while it routes a backlog, then a restart on the same data. The
 * gateway runs in a child JVM against the suite's sandbox, which lives in this JVM, outside the
 * killed one, so its record of routed conversations spans the crash.
 *
 * <p>While the frames go in, the sandbox answers routing calls only after {@link #HOLD}: on two busy
 * cores the ingest route and the routing consumers share the CPU, and without the hold routing keeps
 * pace with hand-off, so the backlog is gone before the last frame is handed off and the kill hits
 * an idle gateway. Once every frame is handed off the hold is lifted and the child is killed when a
 * third of the conversations are routed. Passes when the kill came before the backlog was routed,
 * every conversation is then routed exactly once by the restarted gateway, and nothing is
 * dead-lettered or left queued. Frames still in flight on the WebSocket at the kill are not
 * covered: all were handed off first (the hand-off's durability is HandOffDurabilityTest).
 *
 * <p>The child JVM compiles with C1 only ({@link ChildGateway#JVM_OPTIONS}): it starts on about half
 * the CPU time, which matters on two shared cores, and this scenario measures survival, not speed.
 * The restarted gateway stays up: the suite runs its other scenarios on it.
 */
final class KillNineScenario {

    /** Routing answer delay while the frames go in: 10 calls in flight, so at most 2.5 conversations/s. */
    static final Duration HOLD = Duration.ofSeconds(4);
    /** How long the restarted gateway may take to hold the CXone WebSocket again, start-up included. */
    private static final Duration RESUBSCRIBE_BOUND = Duration.ofSeconds(60);

    private final CxoneSandbox sandbox;
    private final Path dataDir;
    private final Map<String, String> props;
    private final boolean full;
    private GatewayRun restarted;

    KillNineScenario(CxoneSandbox sandbox, Path dataDir, Map<String, String> props, boolean full) {
        this.sandbox = sandbox;
        this.dataDir = dataDir;
        this.props = props;
        this.full = full;
    }

    /** The gateway started on the killed one's data, or null when the scenario failed before that. */
    GatewayRun restarted() {
        return restarted;
    }

    ScenarioResult run() throws Exception {
        int conversations = full ? 20_000 : 2_000;
        long start = System.nanoTime();
        SandboxState base = sandbox.state();
        FaultSettings normal = sandbox.faults(Target.ROUTING);
        Map<String, String> childProps = new LinkedHashMap<>(props);
        childProps.put("gateway.data-dir", dataDir.toString());
        ChildGateway child = ChildGateway.start(childProps, dataDir.resolve("gateway-before-kill.log"), "-Xmx1g");
        int httpPort = child.httpPort();
        boolean up;
        boolean allHandedOff = false;
        long handedOff = -1;
        double upSeconds = 0;
        double handOffSeconds = 0;
        try {
            up = Poll.until(Duration.ofSeconds(full ? 300 : 180), Duration.ofMillis(100),
                    () -> Prometheus.metric(httpPort, "gateway_websocket_authenticated") == 1);
            upSeconds = (System.nanoTime() - start) / 1e9;
            if (up) {
                sandbox.setFaults(Target.ROUTING, normal.withLatency(HOLD));
                long sendStart = System.nanoTime();
                SimulatorReport sent = Simulator.run(SimulatorOptions.defaults().withTraffic(conversations, 1)
                        .withConnections(2).withSeed(System.nanoTime() >>> 20)
                        .withTarget(URI.create(sandbox.apiBase()), URI.create(sandbox.wsUrl()), "sandbox-client",
                                "sandbox-secret"), new PrintStream(OutputStream.nullOutputStream()));
                allHandedOff = Poll.until(Duration.ofSeconds(full ? 600 : 120), Duration.ofMillis(100),
                        () -> Prometheus.metric(httpPort, "gateway_ingest_handed_off_total") >= sent.total());
                handedOff = Math.round(Prometheus.metric(httpPort, "gateway_ingest_handed_off_total"));
                handOffSeconds = (System.nanoTime() - sendStart) / 1e9;
                sandbox.setFaults(Target.ROUTING, normal);
                if (allHandedOff) {
                    Poll.until(Duration.ofSeconds(full ? 300 : 120), Duration.ofMillis(20),
                            () -> routedSince(base) >= conversations / 3);
                }
            }
        } finally {
            sandbox.setFaults(Target.ROUTING, normal);
            child.kill(); // SIGKILL to its PID: no shutdown hook, no graceful stop
        }
        long routedAtKill = routedSince(base);
        long restartAt = System.nanoTime();
        restarted = GatewayRun.start(dataDir, ResilienceSuite.ROUTES, props);
        boolean drained = Poll.until(Duration.ofSeconds(full ? 600 : 180), Duration.ofMillis(100),
                () -> routedSince(base) >= conversations && LossAccount.queueDepth(restarted, "guest.routing") == 0);
        double drainSeconds = (System.nanoTime() - restartAt) / 1e9;
        // the killed gateway held the leader lock: its heartbeat must go stale (gateway.leader.check-interval
        // x the lock's heartbeat multiplier) before the restarted one subscribes; the drain may end sooner
        boolean resubscribed = SuiteRun.subscribed(restarted, RESUBSCRIBE_BOUND);
        double resubscribeSeconds = (System.nanoTime() - restartAt) / 1e9;
        SandboxDelta s = SandboxDelta.between(base, sandbox.state());
        long queued = LossAccount.queueDepth(restarted, "guest.routing");
        long dlq = LossAccount.queueDepth(restarted, "guest.routing.dlq");
        boolean midBacklog = routedAtKill < conversations;
        boolean ok = up && allHandedOff && midBacklog && drained && resubscribed && handedOff == conversations
                && s.routed() == conversations && s.duplicateRoutes() == 0 && queued == 0 && dlq == 0;
        return new ScenarioResult("kill -9 under load, restart", ok, (System.nanoTime() - start) / 1e9,
                String.format(Locale.ROOT, "conversations %,d, gateway up after %.1f s, handed off before the kill %,d"
                                + " (%.1f s after the first frame), routed at the kill %,d%s, after restart: routed"
                                + " %,d (in %.1f s incl. start-up), WebSocket %s within %.1f s of the restart,"
                                + " duplicate routes %d, idempotent replays %d, still queued %d, dead-lettered %d -> %s",
                        conversations, upSeconds, handedOff, handOffSeconds, routedAtKill,
                        midBacklog ? "" : " (the kill came after the backlog: nothing was tested)",
                        s.routed(), drainSeconds, resubscribed ? "held again" : "not held",
                        resubscribeSeconds, s.duplicateRoutes(),
                        s.idempotentReplays(), queued, dlq,
                        s.routed() + queued + dlq == conversations ? "BALANCED" : "NOT BALANCED"),
                0);
    }

    private long routedSince(SandboxState base) {
        return sandbox.state().routedConversations() - base.routedConversations();
    }
}
