package io.guestgateway.cxone.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.cxone.CxoneTokenProvider;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.SandboxSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How many frames per second cxone-ws hands to a route that does nothing, guest to route through
 * the sandbox hub. Not part of the normal build:
 * {@code ./mvnw -q -B -o test -Dtest=CxoneWsThroughputBench -Dbench=true}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class CxoneWsThroughputBench {

    private static final int FRAMES = 100_000;

    @Test
    void framesPerSecond() throws Exception {
        try (CxoneSandbox sandbox = CxoneSandbox.start(SandboxSettings.defaults().withPort(0))) {
            DefaultCamelContext camel = new DefaultCamelContext();
            CxoneTokenProvider tokens = new CxoneTokenProvider(sandbox.apiBase(), "sandbox-client", "sandbox-secret");
            camel.getRegistry().bind("cxoneTokens", tokens);
            AtomicLong seen = new AtomicLong();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("cxone-ws:bench?wsUrl=RAW(" + sandbox.wsUrl() + ")").routeId("bench")
                            .process(e -> seen.incrementAndGet());
                }
            });
            camel.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.state().wsAuthenticated() == 1);
                String frame = GuestClient.message("c-8f14e45f", "Hi, my order never arrived");
                try (GuestClient guest = GuestClient.authenticated(sandbox.wsUrl(), tokens.token())) {
                    long started = System.nanoTime();
                    for (int i = 0; i < FRAMES; i++) {
                        guest.send(frame);
                    }
                    await().atMost(Duration.ofSeconds(120)).until(() -> seen.get() == FRAMES);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf("cxone-ws: %d frames in %.2f s = %.0f frames/s%n", FRAMES, seconds, FRAMES / seconds);
                }
                assertThat(seen.get()).isEqualTo(FRAMES);
            } finally {
                camel.stop();
            }
        }
    }
}
