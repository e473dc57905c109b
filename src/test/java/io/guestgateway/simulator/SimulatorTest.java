package io.guestgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.HttpTestClient;
import io.guestgateway.sandbox.SandboxSettings;
import io.guestgateway.sandbox.WsTestClient;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator against a real sandbox, with a second authenticated connection standing in for the gateway. */
class SimulatorTest {

    static CxoneSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = CxoneSandbox.start(SandboxSettings.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static SimulatorOptions toSandbox() {
        return SimulatorOptions.defaults().withTarget(URI.create(sandbox.apiBase()), URI.create(sandbox.wsUrl()),
                "sandbox-client", "sandbox-secret").withTimeout(Duration.ofSeconds(5));
    }

    @Test
    void theGatewaySideReceivesExactlyWhatTheReportCountsByKind() {
        SimulatorOptions options = toSandbox().withSeed(7).withTraffic(20, 3).withBots(2, 10).withExtras(0.1, 0.2)
                .withConnections(3).withQueues(java.util.List.of("billing", "sales"));
        sandbox.reset();
        try (WsTestClient gateway = WsTestClient.authenticated(sandbox.wsUrl(), new HttpTestClient(sandbox.apiBase()).token())) {
            SimulatorReport report = Simulator.run(options);

            // base 20*3 + 2*10 = 80 frames; malformed 8, outbound 16
            assertThat(report.sent()).isEqualTo(Map.of(SimulatedFrameKind.GUEST, 60L, SimulatedFrameKind.BOT, 20L,
                    SimulatedFrameKind.MALFORMED, 8L, SimulatedFrameKind.OUTBOUND, 16L));
            assertThat(report.total()).isEqualTo(104);
            assertThat(report.conversations()).isEqualTo(20 + 20);
            assertThat(report.fingerprints()).isEqualTo(22);
            assertThat(report.seed()).isEqualTo(7);

            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.received() == 104);
            Map<SimulatedFrameKind, Integer> received = classify(gateway);
            assertThat(received).isEqualTo(Map.of(SimulatedFrameKind.GUEST, 60, SimulatedFrameKind.BOT, 20,
                    SimulatedFrameKind.MALFORMED, 8, SimulatedFrameKind.OUTBOUND, 16));
            assertThat(sandbox.state().framesRelayed()).as("simulator sockets get no relayed frames").isEqualTo(104);
            assertThat(sandbox.state().framesDropped()).isZero();
            for (String text : gateway.texts()) {
                if (ContractFrames.validInbound(text)) {
                    assertThat(ContractFrames.parse(text).getJsonObject("metadata").getJsonObject("routing")
                            .getString("queueId")).isIn("billing", "sales");
                }
            }
        }
    }

    /** By the contract alone: broken, agent, and inbound by how many conversations a fingerprint spans. */
    private static Map<SimulatedFrameKind, Integer> classify(WsTestClient gateway) {
        Map<SimulatedFrameKind, Integer> counts = new EnumMap<>(SimulatedFrameKind.class);
        Map<String, Set<String>> conversations = new HashMap<>();
        Map<String, Integer> framesByFingerprint = new HashMap<>();
        for (String text : gateway.texts()) {
            if (ContractFrames.outbound(text)) {
                counts.merge(SimulatedFrameKind.OUTBOUND, 1, Integer::sum);
            } else if (!ContractFrames.validInbound(text)) {
                counts.merge(SimulatedFrameKind.MALFORMED, 1, Integer::sum);
            } else {
                JsonObject frame = ContractFrames.parse(text);
                String fingerprint = ContractFrames.fingerprint(frame);
                conversations.computeIfAbsent(fingerprint, k -> new HashSet<>()).add(frame.getString("conversationId"));
                framesByFingerprint.merge(fingerprint, 1, Integer::sum);
            }
        }
        conversations.forEach((fingerprint, ids) -> counts.merge(ids.size() > 1 ? SimulatedFrameKind.BOT : SimulatedFrameKind.GUEST,
                framesByFingerprint.get(fingerprint), Integer::sum));
        return counts;
    }

    @Test
    void rateIsRespected() {
        SimulatorReport report = Simulator.run(toSandbox().withSeed(1).withTraffic(50, 2).withConnections(2).withRate(200));
        assertThat(report.total()).isEqualTo(100);
        // each connection sends 50 at 100/s: its last frame is due at 0.49 s
        assertThat(report.elapsed()).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
        assertThat(report.framesPerSecond()).isBetween(30.0, 225.0);
    }

    @Test
    void connectionsWithoutFramesFinishToo() {
        SimulatorReport report = Simulator.run(toSandbox().withSeed(2).withTraffic(1, 1).withConnections(3));
        assertThat(report.total()).isEqualTo(1);
        assertThat(report.conversations()).isEqualTo(1);
    }

    @Test
    void theStallWatchdogAllowsForTheGapsOfALowRate() {
        assertThat(Simulator.stallLimit(toSandbox())).isEqualTo(Duration.ofSeconds(15));
        assertThat(Simulator.stallLimit(toSandbox().withRate(0.1).withConnections(2))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void commandPrintsTheSummaryAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SimulatorCommand.run(new String[] {"--api-base", sandbox.apiBase(), "--ws-url", sandbox.wsUrl(),
                "--guests", "5", "--messages-per-guest", "2", "--bots", "1", "--bot-messages", "4", "--seed", "3"},
                print(out), print(err));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(summary).containsPattern("guest\\s+10\\b").containsPattern("bot\\s+4\\b")
                .containsPattern("malformed\\s+0\\b").containsPattern("total\\s+14\\b")
                .containsPattern("conversations\\s+9\\b").containsPattern("fingerprints\\s+6\\b")
                .contains("frames/s").containsPattern("seed\\s+3\\b").containsPattern("expect routed\\s+9\\b")
                .contains("Expect 9 conversations routed: 5 guests' (one each) and 4 of the bots'");
    }

    @Test
    void wrongSecretExitsNonZeroWithOneClearLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SimulatorCommand.run(new String[] {"--api-base", sandbox.apiBase(), "--ws-url", sandbox.wsUrl(),
                "--client-secret", "wrong-secret"}, print(new ByteArrayOutputStream()), print(err));
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(SimulatorCommand.FAILED);
        assertThat(message).contains("simulate: token request refused (HTTP 401 invalid_client)")
                .doesNotContain("wrong-secret");
    }

    @Test
    void unreachableUrlsExitNonZeroQuickly() throws IOException {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = SimulatorCommand.run(new String[] {"--api-base", "http://127.0.0.1:" + nobody, "--ws-url",
                "ws://127.0.0.1:" + nobody + "/webchat/v1/ws", "--timeout", "3"}, print(new ByteArrayOutputStream()), print(err));
        assertThat(code).isEqualTo(SimulatorCommand.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("simulate: cannot reach the token endpoint");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));

        // token fine, WebSocket address wrong
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        code = SimulatorCommand.run(new String[] {"--api-base", sandbox.apiBase(), "--ws-url",
                "ws://127.0.0.1:" + nobody + "/webchat/v1/ws", "--timeout", "3"}, print(new ByteArrayOutputStream()), print(err2));
        assertThat(code).isEqualTo(SimulatorCommand.FAILED);
        assertThat(err2.toString(StandardCharsets.UTF_8)).contains("simulate: cannot connect to ws://127.0.0.1:" + nobody);
    }

    @Test
    void refusedAuthenticationExitsNonZero() {
        try (CxoneSandbox other = CxoneSandbox.start(SandboxSettings.defaults())) {
            // a token from another sandbox is unknown to this one's WebSocket
            SimulatorOptions options = toSandbox().withTarget(URI.create(other.apiBase()), URI.create(sandbox.wsUrl()),
                    "sandbox-client", "sandbox-secret");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Simulator.run(options))
                    .isInstanceOf(SimulatorException.class).hasMessageContaining("authentication refused")
                    .hasMessageContaining("4401");
        }
    }

    @Test
    void helpAndBadOptions() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(SimulatorCommand.run(new String[] {"--help"}, print(out), print(new ByteArrayOutputStream()))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--messages-per-guest").contains("--bot-messages");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(SimulatorCommand.run(new String[] {"--guests", "x"}, print(new ByteArrayOutputStream()), print(err)))
                .isEqualTo(SimulatorCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--guests needs a whole number");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    @Test
    void aSlowGatewayStallsTheSimulatorInsteadOfFillingItsMemory() throws Exception {
        SimulatorOptions options = toSandbox().withSeed(5).withTraffic(20_000, 4).withConnections(2);
        String token = new HttpTestClient(sandbox.apiBase()).token();
        try (WsTestClient slowGateway = WsTestClient.connect(sandbox.wsUrl(), false, false)) {
            slowGateway.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
            java.util.List<Long> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            PrintStream lines = new PrintStream(new java.io.OutputStream() {
                private final StringBuilder line = new StringBuilder();

                @Override
                public void write(int b) {
                    if (b == '\n') {
                        var m = java.util.regex.Pattern.compile("simulate: ([0-9,]+) /").matcher(line);
                        if (m.find()) {
                            progress.add(Long.parseLong(m.group(1).replace(",", "")));
                        }
                        line.setLength(0);
                    } else {
                        line.append((char) b);
                    }
                }
            }, true);
            var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> Simulator.run(options, lines));

            // two progress lines a second apart with the same count, short of the 80,000: it waits for the socket
            await().atMost(Duration.ofSeconds(15)).until(() -> progress.size() >= 2
                    && progress.get(progress.size() - 1).equals(progress.get(progress.size() - 2)));
            assertThat(progress.get(progress.size() - 1)).isLessThan(80_000L);
            assertThat(run).isNotDone();

            slowGateway.resume();
            assertThat(run.get(30, java.util.concurrent.TimeUnit.SECONDS).total()).isEqualTo(80_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> slowGateway.received() == 80_001);
        }
    }
    /**
     * Frames written are not yet frames read: with the gateway side paused they wait in socket
     * buffers after the simulator's last write. The simulator keeps the connection until the
     * server answers its close frame (Vert.x alone would cut it 10 s after sending the close, and
     * the unread frames with it), then reports; every frame arrives.
     */
    @Test
    void framesStillInSocketBuffersAfterTheLastWriteAllArrive() throws Exception {
        SimulatorOptions options = toSandbox().withSeed(9).withTraffic(20_000, 1).withConnections(1);
        assertThat(Progress.closeLimit(Simulator.stallLimit(options))).isGreaterThan(Duration.ofSeconds(15));
        sandbox.reset();
        String token = new HttpTestClient(sandbox.apiBase()).token();
        try (WsTestClient pausedGateway = WsTestClient.connect(sandbox.wsUrl(), false, false)) {
            pausedGateway.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
            java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
            PrintStream lines = new PrintStream(new java.io.OutputStream() {
                private final StringBuilder line = new StringBuilder();

                @Override
                public void write(int b) {
                    if (b == '\n') {
                        var m = java.util.regex.Pattern.compile("simulate: ([0-9,]+) /").matcher(line);
                        if (m.find()) {
                            written.set(Long.parseLong(m.group(1).replace(",", "")));
                        }
                        line.setLength(0);
                    } else {
                        line.append((char) b);
                    }
                }
            }, true);
            var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> Simulator.run(options, lines));

            // the hub relays about 12,600 into the paused socket's buffers; the rest waits between simulator and hub
            await().atMost(Duration.ofSeconds(15)).until(() -> written.get() == 20_000);
            assertThat(sandbox.state().framesRelayed()).as("the hub has not read them all").isLessThan(20_000);
            // longer than Vert.x's own 10 s closing timeout: the run waits for the server, it neither fails nor ends
            await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(15)).until(() -> !run.isDone());

            pausedGateway.resume();
            assertThat(run.get(30, java.util.concurrent.TimeUnit.SECONDS).total()).isEqualTo(20_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> pausedGateway.received() == 20_001); // + auth ok
            assertThat(sandbox.state().framesRelayed()).isEqualTo(20_000);
        }
    }
}
