package io.guestgateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A receiver that does not read must stall the sender (TCP backpressure through the hub), not make
 * the hub buffer everything: with no backpressure the sender would get all {@link #LIMIT} frames (24 MB) out;
 * with it, loopback socket buffers stall it at about 7 MB.
 */
class SandboxBackpressureTest {

    static final int LIMIT = 6_000;
    static final String FRAME = "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-1\",\"text\":\""
            + "x".repeat(4000) + "\"}";

    @Test
    void aSlowReceiverPausesTheSenderAndLosesNothing() {
        try (CxoneSandbox sandbox = CxoneSandbox.start(SandboxSettings.defaults())) {
            String token = new HttpTestClient(sandbox.apiBase()).token();
            try (WsTestClient receiver = WsTestClient.connect(sandbox.wsUrl(), true, false)) {
                receiver.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
                receiver.awaitText(1, Duration.ofSeconds(5));
                try (WsTestClient sender = WsTestClient.authenticated(sandbox.wsUrl(), token)) {
                    // the JDK client reads by request(); stop requesting by closing the tap
                    WsTestClient paused = WsTestClient.connect(sandbox.wsUrl(), false, false);
                    paused.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
                    await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.state().wsAuthenticated() == 3);

                    AtomicLong sent = new AtomicLong();
                    java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
                    pump(sender, sent, failed);

                    long[] last = {-1};
                    await().pollInterval(Duration.ofMillis(300)).atMost(Duration.ofSeconds(20)).until(() -> {
                        long now = sent.get();
                        boolean stalled = now == last[0];
                        last[0] = now;
                        return stalled;
                    });
                    assertThat(failed.get()).isNull();
                    assertThat(sent.get()).as("frames the sender got out while a receiver was not reading")
                            .isLessThan(LIMIT);

                    paused.resume();
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> sent.get() == LIMIT && paused.received() == LIMIT + 1);
                    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received() == LIMIT + 1);
                    paused.close();
                }
            }
        }
    }

    /** Sends the next frame when the previous one is written, up to {@link #LIMIT}. */
    private static void pump(WsTestClient sender, AtomicLong sent, java.util.concurrent.atomic.AtomicReference<Throwable> failed) {
        if (sent.get() >= LIMIT) {
            return;
        }
        // async continuation: a send that completes at once must not recurse 60,000 deep
        sender.sendAsync(FRAME).whenCompleteAsync((ws, error) -> {
            if (error != null) {
                failed.set(error);
                return;
            }
            sent.incrementAndGet();
            pump(sender, sent, failed);
        });
    }
}
