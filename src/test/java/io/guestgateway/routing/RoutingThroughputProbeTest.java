package io.guestgateway.routing;

import static io.guestgateway.routing.RoutingTestSupport.guest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.GatewayApplication;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.SandboxSettings;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.api.management.ManagedCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not the pipeline benchmark (WebSocket to 201, PipelineBench), a cheap probe of the routing stage alone: n
 * conversations waiting in guest.routing, drained against a sandbox answering after
 * {@code probe.latency} ms, {@code probe.rounds} times (the first warms the JVM up). Prints the rate
 * and the process CPU per conversation, which is the steadier figure on a shared machine. Opt-in:
 * {@code ./mvnw -q -o test -Dtest=RoutingThroughputProbeTest -Dprobe.n=5000 -Dprobe.rounds=3 -Dprobe.latency=5}
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
        int rounds = Integer.getInteger("probe.rounds", 2); // the first one warms the JVM up
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(GatewayApplication.class).run(args)) {
            CamelContext camel = ctx.getBean(CamelContext.class);
            ProducerTemplate producer = ctx.getBean(ProducerTemplate.class);
            for (int round = 1; round <= rounds; round++) {
                long before = sandbox.state().routedConversations();
                camel.getRouteController().stopRoute("route-conversation");
                for (int i = 0; i < n; i++) {
                    RoutingTestSupport.send(producer, guest("c-" + round + "-" + i, "general-support", "hello"));
                }
                long cpuStart = os.getProcessCpuTime();
                long start = System.nanoTime();
                camel.getRouteController().startRoute("route-conversation");
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> sandbox.state().routedConversations() >= before + n);
                long took = System.nanoTime() - start;
                long cpu = os.getProcessCpuTime() - cpuStart;
                System.out.printf("PROBE round %d: %d routed in %d ms => %.0f/s; process CPU %.2f ms per"
                        + " conversation (sandbox included), %.2f cores busy%n", round, n, took / 1_000_000,
                        n * 1e9 / took, cpu / 1e6 / n, (double) cpu / took);
            }
            ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
            System.out.printf("PROBE mean time in route-conversation %d ms, in the call %d ms (last round)%n",
                    managed.getManagedRoute("route-conversation").getMeanProcessingTime(),
                    managed.getManagedProcessor("post-routing-task").getMeanProcessingTime());
            assertThat(sandbox.routingCalls()).hasSize(n * rounds);
            assertThat(sandbox.state().duplicateRoutes()).isZero();
        } finally {
            sandbox.close();
            RoutingTestSupport.deleteQuietly(dir);
        }
    }
}
