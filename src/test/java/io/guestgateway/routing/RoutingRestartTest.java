package io.guestgateway.routing;

import static io.guestgateway.routing.RoutingTestSupport.callsFor;
import static io.guestgateway.routing.RoutingTestSupport.guest;
import static io.guestgateway.routing.RoutingTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.GatewayApplication;
import io.guestgateway.deadletter.DeadLetterStore;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.RecordedCall;
import io.guestgateway.sandbox.SandboxSettings;
import io.guestgateway.sandbox.Target;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway stopped and started again on the same data directory (broker journal, H2 file),
 * against a sandbox that outlives both runs. Two real Spring contexts, one after the other, which
 * is why this class manages them itself instead of using {@code @SpringBootTest}.
 */
class RoutingRestartTest {

    static CxoneSandbox sandbox;
    static Path dataDir;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = CxoneSandbox.start(SandboxSettings.defaults().withRestrictedQueues(java.util.Set.of("vip-only")));
        dataDir = Files.createTempDirectory("routing-restart-it");
    }

    @AfterAll
    static void cleanUp() {
        sandbox.close();
        RoutingTestSupport.deleteQuietly(dataDir);
    }

    @Test
    void aStopWhileConversationsWaitForARetryLosesNothingAndARestartRoutesNothingTwice() throws Exception {
        List<String> waiting = List.of("c-wait-1", "c-wait-2", "c-wait-3");
        try (ConfigurableApplicationContext first = startGateway()) {
            ProducerTemplate producer = first.getBean(ProducerTemplate.class);
            send(producer, guest("c-before", "general-support", "hello"));
            // a 400 with routing.fallback-queue-id set: one more try on the fallback queue
            send(producer, guest("c-fallback", "no-such-queue", "hello"));
            await().atMost(Duration.ofSeconds(15)).until(() -> routed("c-before") && routed("c-fallback"));
            assertThat(callsFor(sandbox, "c-fallback")).extracting(RecordedCall::status).containsExactly(400, 201);
            assertThat(callsFor(sandbox, "c-fallback").get(1).body()).contains("\"queueId\":\"general-support\"");

            sandbox.setFaults(Target.ROUTING, FaultSettings.none().withFailureRate(1.0));
            waiting.forEach(id -> send(producer, guest(id, "billing", "hello")));
            // each got a 503 and now waits routing.initial-delay (5 s) for its retry
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.stream().allMatch(id -> callsFor(sandbox, id).size() == 1));
            long stopping = System.nanoTime();
            first.close();
            // the stop cut the waits short instead of sitting out Camel's 45 s shutdown timeout
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(15));
        }
        waiting.forEach(id -> assertThat(callsFor(sandbox, id)).hasSize(1));

        sandbox.setFaults(Target.ROUTING, FaultSettings.none());
        try (ConfigurableApplicationContext second = startGateway()) {
            // the waiting conversations were still in guest.routing, not in the dead-letter queue
            await().atMost(Duration.ofSeconds(20)).until(() -> waiting.stream().allMatch(this::routed));
            waiting.forEach(id -> assertThat(callsFor(sandbox, id)).extracting(RecordedCall::status).containsExactly(503, 201));
            // routing.max-per-second is 2 here (Throttle EIP, TotalRequests): the third call waits for the
            // next second. The sandbox stamps a call when it answers, so a loaded machine can shift the
            // stamps by a few hundred ms; unthrottled, the three calls land within a few ms of each other
            List<Long> routedAt = waiting.stream().map(id -> callsFor(sandbox, id).get(1).time()).sorted().toList();
            assertThat(routedAt.get(2) - routedAt.get(0)).isGreaterThanOrEqualTo(500L);
            assertThat(second.getBean(DeadLetterStore.class).list("guest.routing.dlq", 10).count()).isZero();

            // a conversation routed before the restart stays routed
            MeterRegistry meters = second.getBean(MeterRegistry.class);
            send(second.getBean(ProducerTemplate.class), guest("c-before", "general-support", "are you there?"));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    meters.get(RoutingMetrics.OUTCOMES).tag("outcome", "duplicate").counter().count() >= 1);
            assertThat(callsFor(sandbox, "c-before")).hasSize(1);
            assertThat(sandbox.state().duplicateRoutes()).isZero();

            deadLetteringCommitsWithTheConsumeOrNotAtAll(second);
        }
    }

    /**
     * The move to guest.routing.dlq is one local JMS transaction with the consume: when a step after
     * the send fails, the send is rolled back too and the message goes back to guest.routing.
     * (Runs last: it changes the route of this context.)
     */
    private void deadLetteringCommitsWithTheConsumeOrNotAtAll(ConfigurableApplicationContext gateway) throws Exception {
        AdviceWith.adviceWith(gateway.getBean(CamelContext.class), "dead-letter-conversation", route ->
                route.weaveById("record-dead-letter").replace().throwException(new IllegalStateException("after the send")));
        send(gateway.getBean(ProducerTemplate.class), guest("c-atomic", "vip-only", "hello"));
        // each delivery: a 403, the send to the dead-letter queue, the failure, the rollback, again
        await().atMost(Duration.ofSeconds(20)).until(() -> callsFor(sandbox, "c-atomic").size() >= 3);
        assertThat(gateway.getBean(DeadLetterStore.class).list("guest.routing.dlq", 10).count()).isZero();
    }

    private boolean routed(String conversationId) {
        return callsFor(sandbox, conversationId).stream().anyMatch(call -> call.status() == 201);
    }

    private static ConfigurableApplicationContext startGateway() {
        Map<String, Object> properties = RoutingTestSupport.properties(sandbox, dataDir);
        properties.put("routing.fallback-queue-id", "general-support");
        properties.put("routing.initial-delay", "5s");
        properties.put("routing.max-delay", "5s");
        properties.put("routing.max-per-second", "2");
        // as command-line arguments: SpringApplicationBuilder.properties() would rank below application.yaml
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(GatewayApplication.class).run(args);
    }
}
