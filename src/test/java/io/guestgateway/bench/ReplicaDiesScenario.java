package io.guestgateway.bench;

import io.guestgateway.crm.PostgresTestDatabase;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.SandboxState;
import io.guestgateway.sandbox.Target;
import io.guestgateway.simulator.Simulator;
import io.guestgateway.simulator.SimulatorOptions;
import io.guestgateway.simulator.SimulatorReport;
import io.guestgateway.support.BrokerProcess;
import io.guestgateway.support.ChildGateway;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two replicas as in production: child-JVM gateways sharing deploy/broker.xml's broker (a process
 * of its own), one PostgreSQL schema and one leader lock, against the suite's sandbox. Both route a
 * backlog; the WebSocket holder is killed ({@code kill -9}) while it is partly routed; the survivor
 * takes the WebSocket over, finishes the backlog and routes new conversations. Passes when the
 * kill came mid-backlog and then every conversation was routed once, every guest's CRM record was
 * accepted once (one message per guest, so records beyond the distinct sessions were sent twice; a
 * batch sent again with its Idempotency-Key is a replay, not records), and nothing is left queued
 * or dead-lettered. Needs PostgreSQL ({@value PostgresTestDatabase#ENV}); without it the scenario
 * is reported as skipped.
 */
final class ReplicaDiesScenario {

    static final String NAME = "replica dies (2 replicas)";
    private static final List<String> QUEUES = List.of("guest.routing", "guest.crm", "guest.routing.dlq",
            "guest.crm.dlq", "guest.undeliverable");

    private final CxoneSandbox sandbox;
    private final Path dataDir;
    private final Map<String, String> props;
    private final boolean full;

    ReplicaDiesScenario(CxoneSandbox sandbox, Path dataDir, Map<String, String> props, boolean full) {
        this.sandbox = sandbox;
        this.dataDir = dataDir;
        this.props = props;
        this.full = full;
    }

    ScenarioResult run() throws Exception {
        String url = System.getenv(PostgresTestDatabase.ENV);
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return ScenarioResult.skipped(NAME, "replicas share PostgreSQL: set " + PostgresTestDatabase.ENV);
        }
        int conversations = full ? 6_000 : 1_200;
        int afterTakeover = full ? 1_000 : 300;
        long start = System.nanoTime();
        String schema = PostgresTestDatabase.createSchema("replicas");
        FaultSettings normal = sandbox.faults(Target.ROUTING);
        sandbox.countCrmSessions(true);
        SandboxState base = sandbox.state();
        long replaysBefore = sandbox.crmIdempotentReplays();
        try (BrokerProcess broker = BrokerProcess.start(dataDir.resolve("broker"));
                ChildGateway a = replica("a", broker, schema);
                ChildGateway b = replica("b", broker, schema)) {
            boolean up = Poll.until(Duration.ofSeconds(240), Duration.ofMillis(200), () -> a.ready() && b.ready()
                    && broker.consumers("guest.routing") > 0 && subscribed(a) + subscribed(b) == 1);
            double upSeconds = (System.nanoTime() - start) / 1e9;
            if (!up) {
                return new ScenarioResult(NAME, false, upSeconds, "the replicas did not start within 240 s; logs: "
                        + dataDir);
            }
            ChildGateway leader = subscribed(a) == 1 ? a : b;
            ChildGateway survivor = leader == a ? b : a;

            // a backlog on both replicas: CXone answers slowly while the frames go in
            sandbox.setFaults(Target.ROUTING, normal.withLatency(KillNineScenario.HOLD));
            SimulatorReport sent = simulate(conversations, 1);
            boolean handedOff = Poll.until(Duration.ofSeconds(120), Duration.ofMillis(100),
                    () -> leader.metric("gateway_ingest_handed_off_total") >= sent.total());
            sandbox.setFaults(Target.ROUTING, normal);
            Poll.until(Duration.ofSeconds(120), Duration.ofMillis(20), () -> routedSince(base) >= conversations / 3);
            double leaderShare = routed(leader);
            double survivorShare = routed(survivor);
            long routedAtKill = routedSince(base);
            long killedAt = System.nanoTime();
            leader.kill(); // SIGKILL to its PID
            boolean takenOver = Poll.until(Duration.ofSeconds(60), Duration.ofMillis(100),
                    () -> subscribed(survivor) == 1 && sandbox.state().wsAuthenticated() == 1);
            double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
            SimulatorReport later = takenOver ? simulate(afterTakeover, 2) : null;
            int total = conversations + (later == null ? 0 : afterTakeover);
            boolean settled = Poll.until(Duration.ofSeconds(full ? 300 : 120), Duration.ofMillis(200),
                    () -> routedSince(base) >= total && sandbox.crmSessionsSeen() >= total
                            && broker.depth("guest.routing") == 0 && broker.depth("guest.crm") == 0);
            double settledSeconds = (System.nanoTime() - killedAt) / 1e9;

            SandboxDelta s = SandboxDelta.between(base, sandbox.state());
            long sessions = sandbox.crmSessionsSeen();
            Map<String, Long> left = new LinkedHashMap<>();
            QUEUES.forEach(q -> left.put(q, broker.depth(q)));
            long queued = left.values().stream().mapToLong(Long::longValue).sum();
            boolean midBacklog = routedAtKill < conversations;
            boolean balanced = s.routed() + left.get("guest.routing") + left.get("guest.routing.dlq") == total;
            boolean ok = handedOff && midBacklog && takenOver && later != null && later.total() == afterTakeover
                    && settled && balanced && s.routed() == total && s.duplicateRoutes() == 0 && queued == 0
                    && sessions == total && s.crmRecords() == sessions;
            return new ScenarioResult(NAME, ok, (System.nanoTime() - start) / 1e9, String.format(Locale.ROOT,
                    "conversations %,d + %,d after the takeover, replicas up after %.1f s, routed before the kill by"
                            + " the leader %.0f and the other %.0f, routed at the kill %,d%s, WebSocket taken over"
                            + " %.1f s after SIGKILL, all settled %.1f s after it; routed %,d, duplicate routes %d,"
                            + " CRM records %,d for %,d guests (%d sent twice, %d never; batches sent again with their key %d;"
                            + " messages delivered again that the survivor skipped, a batch had them %.0f),"
                            + " left on the broker %s -> %s",
                    conversations, afterTakeover, upSeconds, leaderShare, survivorShare, routedAtKill,
                    midBacklog ? "" : " (the kill came after the backlog: nothing was tested)", takeoverSeconds,
                    settledSeconds, s.routed(), s.duplicateRoutes(), s.crmRecords(), sessions,
                    s.crmRecords() - sessions, total - sessions, sandbox.crmIdempotentReplays() - replaysBefore,
                    survivor.metric("gateway_crm_redelivered_skipped_total"), left,
                    balanced && queued == 0 && sessions == total && s.crmRecords() == sessions ? "BALANCED" : "NOT BALANCED"),
                    conversations);
        } finally {
            sandbox.setFaults(Target.ROUTING, normal);
            sandbox.countCrmSessions(false);
            PostgresTestDatabase.dropSchema(schema);
        }
    }

    private ChildGateway replica(String name, BrokerProcess broker, String schema) {
        Map<String, String> p = new LinkedHashMap<>(props);
        p.putAll(broker.gatewayProperties());
        p.put("spring.datasource.url", PostgresTestDatabase.url(schema));
        p.put("gateway.data-dir", dataDir.resolve(name).toString());
        p.put("gateway.leader.lock-dir", dataDir.resolve("leader").toString());
        p.put("crm.instance-id", name); // one table for both, a batch of its own each (the replicas share a host name)
        p.put("crm.flush-interval", "2s");
        return ChildGateway.start(p, dataDir.resolve("replica-" + name + ".log"), "-Xmx512m");
    }

    private SimulatorReport simulate(int conversations, long phase) {
        return Simulator.run(SimulatorOptions.defaults().withTraffic(conversations, 1).withConnections(2)
                .withSeed((System.nanoTime() >>> 20) ^ phase)
                .withTarget(URI.create(sandbox.apiBase()), URI.create(sandbox.wsUrl()), "sandbox-client", "sandbox-secret"),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    private long routedSince(SandboxState base) {
        return sandbox.state().routedConversations() - base.routedConversations();
    }

    private static double subscribed(ChildGateway gateway) {
        return gateway.metric("gateway_websocket_authenticated");
    }

    private static double routed(ChildGateway gateway) {
        return gateway.metric("gateway_routing_outcomes_total", "outcome=\"routed\"");
    }
}
