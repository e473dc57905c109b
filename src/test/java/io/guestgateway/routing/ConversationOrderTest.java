package io.guestgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.cxone.ws.GuestClient;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.RecordedCall;
import io.guestgateway.sandbox.Target;
import io.guestgateway.support.GatewayRun;
import io.guestgateway.support.OrderedConversations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A conversation's messages keep CXone's order from the WebSocket to the routing call and the CRM:
 * every route file, the embedded broker and the default consumer counts (4 WebSocket workers,
 * routing.consumers 12, crm.consumers 2). Only the CRM flush interval is shortened, so the last
 * batch does not keep the test waiting 30 s.
 */
class ConversationOrderTest {

    @TempDir
    Path dataDir;

    @Test
    void everyTaskCarriesTheOpeningLineAndTheCrmEndsOnTheLatestMessage() {
        OrderedConversations traffic = new OrderedConversations(40, 6);
        try (GatewayRun gateway = GatewayRun.start(dataDir, "file:routes/*.yaml", Map.of("crm.flush-interval", "1s"))
                .awaitSubscribed()) {
            CxoneSandbox sandbox = gateway.sandbox();
            try (GuestClient guest = gateway.guest()) {
                traffic.send(guest);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.state().routedConversations() == traffic.conversations()
                    && depth(gateway, "guest.routing") == 0 && depth(gateway, "guest.crm") == 0 && crmBatchesLeft(gateway) == 0);

            assertThat(gateway.counter("gateway.ingest.handed-off")).isEqualTo(traffic.frames());
            assertThat(sandbox.state().duplicateRoutes()).isZero();
            traffic.assertKeptInOrder(sandbox.routingCalls(), sandbox.crmCalls());
        }
    }

    @Test
    void laterMessagesWaitWhileTheFirstIsRetriedAndTheTaskCarriesTheFirst() {
        try (GatewayRun gateway = GatewayRun.start(dataDir, "file:routes/*.yaml",
                Map.of("routing.initial-delay", "2s")).awaitSubscribed()) {
            CxoneSandbox sandbox = gateway.sandbox();
            sandbox.setFaults(Target.ROUTING, FaultSettings.none().withOutage(true));
            try (GuestClient guest = gateway.guest()) {
                for (int m = 0; m < 3; m++) {
                    guest.send(GuestClient.message("c-retried", "#" + m));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.state().routingCalls(503) == 1);
                // the first message waits for its retry; the next two wait behind it in guest.routing
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> depth(gateway, "guest.routing") == 3);
                sandbox.setFaults(Target.ROUTING, FaultSettings.none());
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.state().routedConversations() == 1
                    && depth(gateway, "guest.routing") == 0);

            assertThat(sandbox.routingCalls()).extracting(RecordedCall::status).containsExactly(503, 201);
            assertThat(OrderedConversations.routedTexts(sandbox.routingCalls())).containsExactly(Map.entry("c-retried", "#0"));
            assertThat(gateway.counter(RoutingMetrics.OUTCOMES, "outcome", "duplicate")).isEqualTo(2);
        }
    }

    /** CRM batches open or closed and not yet sent (the aggregation repository's two tables). */
    private static int crmBatchesLeft(GatewayRun gateway) {
        JdbcTemplate db = new JdbcTemplate(gateway.context().getBean(DataSource.class));
        return db.queryForObject("SELECT (SELECT COUNT(*) FROM crm_batches) + (SELECT COUNT(*) FROM crm_batches_completed)",
                Integer.class);
    }

    private static long depth(GatewayRun gateway, String queue) {
        return gateway.context().getBean(EmbeddedActiveMQ.class).getActiveMQServer()
                .locateQueue(SimpleString.of(queue)).getMessageCount();
    }
}
