package io.guestgateway.bench;

import static org.awaitility.Awaitility.await;

import io.guestgateway.simulator.Simulator;
import io.guestgateway.simulator.SimulatorOptions;
import io.guestgateway.simulator.SimulatorReport;
import io.guestgateway.support.GatewayRun;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Ingest throughput: guest frames from the simulator, through the sandbox hub and the gateway's
 * WebSocket subscription, parsed, filtered, flood-guarded and committed to both durable queues
 * (persistent journal on disk). The clock runs from the first frame sent to the last message
 * committed. Usage: {@code bench/run IngestBench [guests] [messagesPerGuest]} (default 20000 x 3).
 */
public final class IngestBench {

    public static void main(String[] args) throws Exception {
        int guests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int perGuest = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dataDir = Files.createTempDirectory("ingest-bench");
        System.out.println("data dir (persistent journal): " + dataDir);
        try (GatewayRun gateway = GatewayRun.start(dataDir, "file:routes/ingest.yaml",
                Map.of("logging.level.root", "WARN"))) {
            gateway.awaitSubscribed();
            run("warm-up", gateway, 5_000, 2);
            run("measured", gateway, guests, perGuest);
            run("measured", gateway, guests, perGuest);
        }
    }

    private static void run(String label, GatewayRun gateway, int guests, int perGuest) {
        double handedOff0 = gateway.counter("gateway.ingest.handed-off");
        double blocked0 = gateway.counter("gateway.ingest.frames", "outcome", "blocked");
        SimulatorOptions options = SimulatorOptions.defaults().withTraffic(guests, perGuest)
                .withConnections(4).withSeed(label.hashCode() + guests)
                .withTarget(URI.create(gateway.sandbox().apiBase()), URI.create(gateway.sandbox().wsUrl()),
                        "sandbox-client", "sandbox-secret");
        long start = System.nanoTime();
        SimulatorReport sent = Simulator.run(options, new PrintStream(OutputStream.nullOutputStream()));
        double simSeconds = (System.nanoTime() - start) / 1e9;
        long expected = sent.total();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(2))
                    .until(() -> gateway.counter("gateway.ingest.handed-off") - handedOff0
                            + gateway.counter("gateway.ingest.frames", "outcome", "blocked") - blocked0 >= expected);
        } catch (ConditionTimeoutException e) {
            System.out.println("not drained within 120 s; the figures below show how far it got");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double committed = gateway.counter("gateway.ingest.handed-off") - handedOff0;
        System.out.printf(Locale.ROOT, "%-9s %,d frames sent in %.2f s (%,.0f/s by the simulator); %,.0f committed to"
                        + " guest.routing + guest.crm in %.2f s = %,.0f guest messages/s end to end; blocked %,.0f%n",
                label, expected, simSeconds, expected / simSeconds, committed, seconds, committed / seconds,
                gateway.counter("gateway.ingest.frames", "outcome", "blocked") - blocked0);
        var hub = gateway.sandbox().state();
        System.out.printf(Locale.ROOT, "          account so far: websocket frames %,.0f, accepted %,.0f, skipped %,.0f,"
                        + " rejected %,.0f, blocked %,.0f, handed off %,.0f; hub relayed %,d, dropped %,d%n",
                gateway.counter("gateway.websocket.frames"), gateway.counter("gateway.ingest.frames", "outcome", "accepted"),
                gateway.counter("gateway.ingest.frames", "outcome", "skipped"),
                gateway.counter("gateway.ingest.frames", "outcome", "rejected"),
                gateway.counter("gateway.ingest.frames", "outcome", "blocked"),
                gateway.counter("gateway.ingest.handed-off"), hub.framesRelayed(), hub.framesDropped());
    }
}
