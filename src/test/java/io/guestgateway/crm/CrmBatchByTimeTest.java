package io.guestgateway.crm;

import static io.guestgateway.crm.CrmTestSupport.T0;
import static io.guestgateway.crm.CrmTestSupport.batchesOf;
import static io.guestgateway.crm.CrmTestSupport.guest;
import static io.guestgateway.crm.CrmTestSupport.ids;
import static io.guestgateway.crm.CrmTestSupport.sessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.GatewayApplication;
import io.guestgateway.guest.GuestMessage;
import io.guestgateway.handoff.DurableHandOff;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.support.GatewayRun;
import io.guestgateway.support.RunsAlone;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Batches that close by time: crm.flush-interval is 1 s and crm.batch-size 5, so every batch here
 * closes because the interval ticked. {@link CrmBatchByTimePostgresTest} runs it on PostgreSQL.
 */
@CamelSpringBootTest
@SpringBootTest(classes = GatewayApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@RunsAlone // times the flush: a 1 s interval against a 2.5 s bound
class CrmBatchByTimeTest {

    private static final int SANDBOX_PORT = GatewayRun.freePort();
    private static final long FLUSH_MILLIS = 1_000;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("camel.main.routes-include-pattern", () -> CrmTestSupport.ROUTES);
        registry.add("camel.main.shutdown-timeout", () -> "10");
        registry.add("gateway.data-dir", () -> dataDir.toString());
        registry.add("server.port", () -> "0");
        registry.add("cxone.sandbox.port", () -> SANDBOX_PORT);
        registry.add("crm.url", () -> "http://127.0.0.1:" + SANDBOX_PORT + "/crm/batch");
        registry.add("crm.batch-size", () -> "5");
        registry.add("crm.flush-interval", () -> FLUSH_MILLIS + "ms");
    }

    @Autowired
    CxoneSandbox sandbox;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    ObjectMapper objectMapper;

    @Test
    void aBatchBelowBatchSizeIsSentWithinOneFlushInterval() {
        long start = System.nanoTime();
        send(sessions("tick", 2));

        await().atMost(Duration.ofSeconds(5)).until(() -> sent("tick").size() == 2);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        // one batch below batch-size; two only if the interval ticked between the two records
        assertThat(sent("tick")).containsExactlyInAnyOrder("tick-1", "tick-2");
        // the interval ticks at most one flush-interval after the records arrived; the rest is
        // hand-off, aggregation and the POST on a busy two-core machine
        assertThat(tookMillis).isLessThan(FLUSH_MILLIS + 1_500);
    }

    @Test
    void aSessionThatKeepsWritingIsStillFlushedEveryInterval() {
        // a message every 200 ms would restart a completionTimeout forever; the interval does not
        // wait for silence, so the same session is sent again and again, one record per batch
        AtomicInteger written = new AtomicInteger();
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200)).until(() -> {
            int n = written.incrementAndGet();
            send(List.of(guest("chatty-1", "message " + n, T0 + n)));
            return batchesOf(sandbox, "chatty").size() >= 3;
        });

        List<List<Map<String, Object>>> batches = batchesOf(sandbox, "chatty");
        assertThat(batches).allSatisfy(b -> assertThat(ids(b)).containsExactly("chatty-1"));
        // each flush carries the latest message written before it, so they only move forward
        assertThat(batches.stream().map(b -> ((Number) b.get(0).get("queued_at")).doubleValue()).toList())
                .isSorted().doesNotHaveDuplicates();
    }

    private List<String> sent(String prefix) {
        return batchesOf(sandbox, prefix).stream().flatMap(b -> ids(b).stream()).toList();
    }

    private void send(List<GuestMessage> messages) {
        new DurableHandOff(connectionFactory, objectMapper).sendAll(messages, "guest.crm");
    }
}
