package io.guestgateway.routing;

import static io.guestgateway.routing.RoutingTestSupport.guest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.GatewayApplication;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.SandboxSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not the benchmark (WebSocket to 201), a cheap probe of the routing stage alone: n
 * conversations waiting in guest.routing, drained against a sandbox answering after
 * {@code probe.latency} ms. Opt-in, as it takes a minute:
 * {@code ./mvnw -q -o test -Dtest=RoutingThroughputProbeTest -Dprobe.n=3000 -Dprobe.latency=5}
 */
@EnabledIfSystemProperty(named = "probe.n", matches = "[0-9]+")
class RoutingThroughputProbeTest {

    @Test
    void drainsTheQueueRoutingEachConversationOnce() throws Exception {
        int n = Integer.getInteger("probe.n", 3000);
        CxoneSandbox sandbox = CxoneSandbox.start(SandboxSettings.defaults().withMaxRecordedCalls(200_000)
                .withRoutingFaults(FaultSettings.none().withLatency(Duration.ofMillis(Long.getLong("probe.latency", 5)))));
        Path dir = Files.createTempDirectory("probe");
        Map<String, Object> p = RoutingTestSupport.properties(sandbox, dir);
        p.put("routing.consumers", "12");
        p.put("routing.max-concurrent", "10");
        p.put("logging.level.io.guestgateway.routing", "WARN");
        p.put("sla.target", "60s");
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(GatewayApplication.class).run(args)) {
            CamelContext camel = ctx.getBean(CamelContext.class);
            camel.getRouteController().stopRoute("route-conversation");
            ProducerTemplate producer = ctx.getBean(ProducerTemplate.class);
            long fillStart = System.nanoTime();
            for (int i = 0; i < n; i++) {
                RoutingTestSupport.send(producer, guest("c-" + i, "general-support", "hello"));
            }
            long fill = System.nanoTime() - fillStart;
            long start = System.nanoTime();
            camel.getRouteController().startRoute("route-conversation");
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> sandbox.state().routedConversations() >= n);
            long took = System.nanoTime() - start;
            Timer sla = ctx.getBean(MeterRegistry.class).get(RoutingMetrics.SLA_LATENCY).timer();
            System.out.printf("PROBE n=%d fill=%d ms routed in %d ms => %.0f/s; calls=%d duplicates=%d%n", n,
                    fill / 1_000_000, took / 1_000_000, n * 1e9 / took, sandbox.routingCalls().size(),
                    sandbox.state().duplicateRoutes());
            System.out.printf("PROBE sla latency p50=%.0f ms p99=%.0f ms (from the fill, so mostly queueing)%n",
                    sla.takeSnapshot().percentileValues()[0].value(TimeUnit.MILLISECONDS),
                    sla.takeSnapshot().percentileValues()[2].value(TimeUnit.MILLISECONDS));
            assertThat(sandbox.routingCalls()).hasSize(n);
            assertThat(sandbox.state().duplicateRoutes()).isZero();
        } finally {
            sandbox.close();
            RoutingTestSupport.deleteQuietly(dir);
        }
    }
}
