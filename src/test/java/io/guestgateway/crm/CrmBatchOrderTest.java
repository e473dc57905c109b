package io.guestgateway.crm;

import static io.guestgateway.crm.CrmTestSupport.T0;
import static io.guestgateway.crm.CrmTestSupport.batchesOf;
import static io.guestgateway.crm.CrmTestSupport.guest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.guest.GuestMessage;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.Target;
import io.guestgateway.support.GatewayRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two threads feed sync-crm-batch, as its two consumers of guest.crm do. The first batch waits for a
 * retry (the CRM answered 429) while the second closes with newer messages of the same sessions:
 * the second must reach the CRM after the first, or the CRM keeps the older messages.
 * <p>
 * The route reads a {@code direct:} endpoint here instead of guest.crm, so that the broker's
 * grouping (which already holds a session's next message back while its consumer is busy) does not
 * decide which thread closes which batch; what is under test is the aggregator's side.
 */
class CrmBatchOrderTest {

    @TempDir
    Path dataDir;

    @Test
    void aBatchClosedWhileAnEarlierOneWaitsForItsRetryReachesTheCrmAfterIt() throws Exception {
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        try (GatewayRun gateway = GatewayRun.start(dataDir, CrmTestSupport.ROUTES, Map.of(
                "crm.flush-interval", "1h", "crm.batch-size", "5", "crm.max-retry-after", "2s",
                "logging.level.org.apache.camel", "ERROR"))) {
            CamelContext camel = gateway.context().getBean(CamelContext.class);
            AdviceWith.adviceWith(camel, "sync-crm-batch", route -> route.replaceFromWith("direct:guest-crm"));
            ProducerTemplate producer = camel.createProducerTemplate();
            ObjectMapper json = gateway.context().getBean(ObjectMapper.class);
            CxoneSandbox sandbox = gateway.sandbox();
            sandbox.setFaults(Target.CRM, FaultSettings.none().withEvery429(1).withRetryAfterSeconds(2));

            // one consumer's message closes the first batch, whose POST is answered 429
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                for (int s = 1; s <= 5; s++) {
                    producer.sendBody("direct:guest-crm", text(json, guest("order-" + s, "first", T0)));
                }
            }, consumers);
            await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.state().crmCalls(429) == 1);
            sandbox.setFaults(Target.CRM, FaultSettings.none());
            // the other consumer closes the next batch, with newer messages, during the retry wait
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                for (int s = 1; s <= 5; s++) {
                    producer.sendBody("direct:guest-crm", text(json, guest("order-" + s, "second", T0 + 1)));
                }
            }, consumers);
            CompletableFuture.allOf(first, second).get(20, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> batchesOf(sandbox, "order").size() == 2);
            assertThat(batchesOf(sandbox, "order")).as("batches in the order the CRM accepted them")
                    .extracting(batch -> batch.stream().map(r -> r.get("last_message")).distinct().toList())
                    .containsExactly(List.of("first"), List.of("second"));
            Map<String, Object> kept = new TreeMap<>();
            batchesOf(sandbox, "order").forEach(batch -> batch.forEach(r -> kept.put((String) r.get("external_id"),
                    r.get("last_message"))));
            assertThat(kept).as("what the CRM keeps per session").hasSize(5).containsOnly(
                    Map.entry("order-1", "second"), Map.entry("order-2", "second"), Map.entry("order-3", "second"),
                    Map.entry("order-4", "second"), Map.entry("order-5", "second"));
        } finally {
            consumers.shutdownNow();
        }
    }

    private static String text(ObjectMapper json, GuestMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
