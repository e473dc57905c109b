package io.guestgateway.simulator;

import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.SandboxSettings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the simulator into the sandbox, with one authenticated "gateway" connection that
 * counts what the sandbox relays. Not a unit test: run it by hand (see the README or the report).
 * Arguments are simulator options ({@code --guests 50000 --messages-per-guest 4 --connections 4}).
 */
public final class SimulatorThroughputBench {

    public static void main(String[] args) throws Exception {
        String[] options = args.length > 0 ? args
                : new String[] {"--guests", "50000", "--messages-per-guest", "4", "--connections", "4", "--seed", "1"};
        try (CxoneSandbox sandbox = CxoneSandbox.start(SandboxSettings.defaults())) {
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            try {
                AtomicLong received = new AtomicLong();
                connectCounter(vertx, sandbox, received);
                measure("warm-up", sandbox, received, SimulatorOptions.parse("--guests", "10000", "--messages-per-guest",
                        "2", "--connections", "4", "--seed", "99"));
                measure("run", sandbox, received, SimulatorOptions.parse(options));
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void measure(String label, CxoneSandbox sandbox, AtomicLong received, SimulatorOptions base)
            throws InterruptedException {
        SimulatorOptions options = base.withTarget(URI.create(sandbox.apiBase()), URI.create(sandbox.wsUrl()),
                "sandbox-client", "sandbox-secret");
        long before = received.get();
        long start = System.nanoTime();
        SimulatorReport report = Simulator.run(options);
        long expected = before + report.total();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> received.get() >= expected);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println("not all relayed frames arrived within 60 s");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-8s sent %,d frames in %.3f s = %,.0f frames/s (simulator); "
                        + "gateway side got %,d = %,.0f frames/s end to end incl. token and connect%n",
                label, report.total(), report.elapsed().toNanos() / 1e9, report.framesPerSecond(),
                received.get() - before, (received.get() - before) / seconds);
        if (received.get() != expected) {
            throw new IllegalStateException("the gateway side missed " + (expected - received.get()) + " frames");
        }
    }

    /** A bare Vert.x receiver: counts frames, keeps nothing. */
    private static void connectCounter(Vertx vertx, CxoneSandbox sandbox, AtomicLong received) throws Exception {
        String form = "grant_type=client_credentials&client_id=sandbox-client&client_secret="
                + URLEncoder.encode("sandbox-secret", StandardCharsets.UTF_8);
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.apiBase() + "/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        String accessToken = new JsonObject(token.body()).getString("access_token");
        CompletableFuture<Void> authenticated = new CompletableFuture<>();
        WebSocket ws = vertx.createWebSocketClient().connect(new WebSocketConnectOptions().setAbsoluteURI(sandbox.wsUrl()))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ws.textMessageHandler(text -> {
            if (!authenticated.isDone()) {
                authenticated.complete(null);
            } else {
                received.incrementAndGet();
            }
        });
        ws.writeTextMessage(new JsonObject().put("type", "auth").put("token", accessToken).encode());
        authenticated.get(10, TimeUnit.SECONDS);
    }
}
