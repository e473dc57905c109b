package io.guestgateway.bench;

import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.SandboxSettings;
import io.guestgateway.sandbox.SandboxState;
import io.guestgateway.simulator.Simulator;
import io.guestgateway.simulator.SimulatorOptions;
import io.guestgateway.simulator.SimulatorReport;
import io.guestgateway.support.ChildGateway;
import io.guestgateway.support.GatewayRun;
import io.guestgateway.support.Prometheus;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kill -9} of the gateway while it routes a backlog, then a restart on the same data. The
 * sandbox lives in this JVM, outside the killed one, so its record of routed conversations spans
 * the crash. Passes when every conversation the gateway had taken (all handed off before the
 * kill) is routed exactly once after the restart, and nothing is dead-lettered or left queued.
 * Frames still in flight on the WebSocket at the kill are not covered: all were handed off first.
 */
final class KillNineScenario {


    private KillNineScenario() {}

    static ScenarioResult run(boolean full) throws Exception {
        int conversations = full ? 20_000 : 2_000;
        long start = System.nanoTime();
        Path dataDir = Files.createTempDirectory("kill-nine");
        try (CxoneSandbox sandbox = CxoneSandbox.start(SandboxSettings.defaults().withPort(0)
                .withRoutingFaults(FaultSettings.none().withLatency(Duration.ofMillis(5))))) {
            Map<String, String> props = gatewayProperties(sandbox);
            Map<String, String> childProps = new LinkedHashMap<>(props);
            childProps.put("gateway.data-dir", dataDir.toString());
            ChildGateway child = ChildGateway.start(childProps, dataDir.resolve("gateway-before-kill.log"), "-Xmx1g");
            int httpPort = child.httpPort();
            long routedAtKill;
            long handedOff;
            try {
                Poll.until(Duration.ofSeconds(120), Duration.ofMillis(100), () -> Prometheus.metric(httpPort, "gateway_websocket_authenticated") == 1);
                SimulatorReport sent = Simulator.run(SimulatorOptions.defaults().withTraffic(conversations, 1)
                        .withConnections(2).withSeed(System.nanoTime() >>> 20)
                        .withTarget(URI.create(sandbox.apiBase()), URI.create(sandbox.wsUrl()), "sandbox-client",
                                "sandbox-secret"), new PrintStream(OutputStream.nullOutputStream()));
                Poll.until(Duration.ofSeconds(60), Duration.ofMillis(100), () -> Prometheus.metric(httpPort, "gateway_ingest_handed_off_total") >= sent.total());
                handedOff = Math.round(Prometheus.metric(httpPort, "gateway_ingest_handed_off_total"));
                Poll.until(Duration.ofSeconds(60), Duration.ofMillis(100), () -> sandbox.state().routedConversations() >= conversations / 3);
            } finally {
                child.kill(); // SIGKILL: no shutdown hook, no graceful stop
            }
            routedAtKill = sandbox.state().routedConversations();
            long restartAt = System.nanoTime();
            try (GatewayRun restarted = GatewayRun.start(dataDir, "file:routes/*.yaml", props)) {
                boolean drained = Poll.until(Duration.ofSeconds(full ? 600 : 90), Duration.ofMillis(100),
                        () -> sandbox.state().routedConversations() >= conversations
                                && LossAccount.queueDepth(restarted, "guest.routing") == 0);
                SandboxState s = sandbox.state();
                long queued = LossAccount.queueDepth(restarted, "guest.routing");
                long dlq = LossAccount.queueDepth(restarted, "guest.routing.dlq");
                boolean ok = drained && handedOff == conversations && s.routedConversations() == conversations
                        && s.duplicateRoutes() == 0 && queued == 0 && dlq == 0;
                return new ScenarioResult("kill -9 under load, restart", ok, (System.nanoTime() - start) / 1e9,
                        String.format(Locale.ROOT, "conversations %,d, handed off before the kill %,d, routed at the kill"
                                        + " %,d, after restart: routed %,d (in %.1f s incl. start-up), duplicate routes %d,"
                                        + " idempotent replays %d, still queued %d, dead-lettered %d -> %s",
                                conversations, handedOff, routedAtKill, s.routedConversations(),
                                (System.nanoTime() - restartAt) / 1e9, s.duplicateRoutes(), s.idempotentReplays(),
                                queued, dlq, s.routedConversations() + queued + dlq == conversations
                                        ? "BALANCED" : "NOT BALANCED"));
            }
        }
    }

    /** The gateway talks to the sandbox in this JVM, as it would to CXone: its own sandbox is off. */
    private static Map<String, String> gatewayProperties(CxoneSandbox sandbox) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("camel.main.routes-include-pattern", "file:routes/*.yaml");
        p.put("cxone.sandbox.enabled", "false");
        p.put("cxone.api-base", sandbox.apiBase());
        p.put("cxone.ws-url", sandbox.wsUrl());
        p.put("cxone.client-id", "sandbox-client");
        p.put("cxone.client-secret", "sandbox-secret");
        p.put("crm.url", sandbox.crmUrl());
        p.put("crm.flush-interval", "1s");
        p.put("logging.level.root", "WARN");
        return p;
    }
}
