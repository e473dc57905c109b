package io.guestgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.cxone.ws.GuestClient;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.RecordedCall;
import io.guestgateway.support.GatewayRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with every route file: guest frames through the sandbox hub, the gateway's
 * subscription and ingest, guest.routing, route-conversation, one Task Routing call per
 * conversation, the SLA timer measured from the WebSocket receipt.
 */
class WebSocketToRoutingTest {

    @TempDir
    Path dataDir;

    @Test
    void framesOfTwoConversationsBecomeTwoRoutingTasks() {
        try (GatewayRun gateway = GatewayRun.start(dataDir, "file:routes/*.yaml", Map.of()).awaitSubscribed()) {
            CxoneSandbox sandbox = gateway.sandbox();
            GuestClient guest = gateway.guest();
            for (int i = 0; i < 3; i++) {
                guest.send(frame("c-ws-1", "fp-3b9d2c71a0", "hello " + i, "billing"));
            }
            guest.send(frame("c-ws-2", "fp-77aa", "hi", "sales"));

            await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.state().routedConversations() == 2
                    && gateway.counter(RoutingMetrics.OUTCOMES, "outcome", "duplicate") == 2);
            List<RecordedCall> calls = sandbox.routingCalls();
            assertThat(calls).extracting(call -> call.header("Idempotency-Key")).containsExactlyInAnyOrder("c-ws-1", "c-ws-2");
            assertThat(calls).allSatisfy(call -> assertThat(call.status()).isEqualTo(201));
            assertThat(calls).filteredOn(call -> "c-ws-1".equals(call.header("Idempotency-Key")))
                    .singleElement().satisfies(call -> assertThat(call.body())
                            // the conversation's opening line, though three messages of it were queued
                            .contains("\"lastName\":\"fp-3b9d2\"", "\"queueId\":\"billing\"", "\"message\":\"hello 0\""));
            assertThat(gateway.meters().get(RoutingMetrics.SLA_LATENCY).timer().count()).isEqualTo(2);
        }
    }

    private static String frame(String conversationId, String fingerprint, String text, String queue) {
        return "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"" + conversationId
                + "\",\"text\":\"" + text + "\",\"timestamp\":1764412345.127,\"metadata\":{\"browserFingerprint\":\""
                + fingerprint + "\",\"routing\":{\"queueId\":\"" + queue + "\"}}}";
    }
}
