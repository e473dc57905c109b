package io.guestgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.GatewayApplication;
import io.guestgateway.cxone.ws.GuestClient;
import io.guestgateway.sandbox.HttpTestClient;
import io.guestgateway.support.ChildGateway;
import io.guestgateway.support.GatewayRun;
import io.guestgateway.support.Prometheus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message the gateway has handed off is on disk: it survives {@code kill -9} of the whole
 * gateway process (broker included) right after the hand-off, and is there on the next start.
 */
class HandOffDurabilityTest {

    private static final int MESSAGES = 300;

    @Test
    void handedOffMessagesSurviveKillMinusNine(@TempDir Path dataDir) throws Exception {
        int httpPort = GatewayRun.freePort();
        int sandboxPort = GatewayRun.freePort();
        List<String> command = ChildGateway.javaCommand(GatewayApplication.class);
        command.addAll(List.of("--server.port=" + httpPort, "--cxone.sandbox.port=" + sandboxPort,
                "--gateway.data-dir=" + dataDir, "--gateway.admin.password=test-admin-password",
                "--camel.main.routes-include-pattern=file:routes/ingest.yaml",
                "--gateway.flood.max-messages=1000"));
        Process gateway = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("gateway.log").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> Prometheus.metric(httpPort, "gateway_websocket_authenticated") == 1);
            try (GuestClient guest = GuestClient.authenticated("ws://127.0.0.1:" + sandboxPort + "/webchat/v1/ws",
                    new HttpTestClient("http://127.0.0.1:" + sandboxPort).token("webchat:read"))) {
                for (int i = 0; i < MESSAGES; i++) {
                    guest.send(IngestPipelineTest.frame("c-kill-" + i, "fp-kill-" + i, "before the crash", "sales"));
                }
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Prometheus.metric(httpPort, "gateway_ingest_handed_off_total") >= MESSAGES);
        } finally {
            gateway.destroyForcibly();   // SIGKILL: no shutdown hook, no graceful stop
            gateway.waitFor();
        }

        try (GatewayRun restarted = GatewayRun.start(dataDir, "file:routes/ingest.yaml", Map.of())) {
            assertThat(restarted.browse("guest.routing")).hasSize(MESSAGES);
            assertThat(restarted.browse("guest.crm")).hasSize(MESSAGES);
        }
    }
}
