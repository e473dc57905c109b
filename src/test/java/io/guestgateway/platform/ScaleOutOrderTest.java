package io.guestgateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.cxone.AccessTokens;
import io.guestgateway.cxone.ws.GuestClient;
import io.guestgateway.routing.RoutingMetrics;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.SandboxSettings;
import io.guestgateway.support.GatewayRun;
import io.guestgateway.support.OrderedConversations;
import io.guestgateway.support.SandboxAsCxone;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two gateways share one broker and one database, each with the default consumer counts
 * (routing.consumers 12, crm.consumers 2): the leader holds the CXone WebSocket and both consume
 * guest.routing and guest.crm, as replicas do. A conversation's messages still keep CXone's order
 * across them. The second gateway runs no ingest route, as a standby replica's is idle; both run in
 * this JVM (an H2 file is shared within one JVM), on a broker that listens on loopback TCP.
 */
class ScaleOutOrderTest {

    private static final String ROUTES = "file:" + Path.of("routes").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void twoReplicasOnOneBrokerKeepEachConversationsOrder() throws Exception {
        OrderedConversations traffic = new OrderedConversations(40, 6);
        try (SharedBroker broker = SharedBroker.start(dir.resolve("broker"));
                CxoneSandbox sandbox = CxoneSandbox.start(SandboxSettings.defaults().withPort(0));
                GatewayRun leader = replica("a", ROUTES + "/*.yaml", broker, sandbox).awaitSubscribed();
                GatewayRun standby = replica("b", ROUTES + "/route-conversation.yaml," + ROUTES + "/routing-errors.yaml,"
                        + ROUTES + "/sync-crm.yaml", broker, sandbox)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> broker.consumers("guest.routing") == 24
                    && broker.consumers("guest.crm") == 4);
            try (GuestClient guest = GuestClient.authenticated(sandbox.wsUrl(),
                    leader.context().getBean(AccessTokens.class).token())) {
                traffic.send(guest);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.state().routedConversations() == traffic.conversations()
                    && broker.depth("guest.routing") == 0 && broker.depth("guest.crm") == 0
                    && crmBatchesLeft(leader, "crm_batches_a") + crmBatchesLeft(standby, "crm_batches_b") == 0);

            assertThat(routed(leader)).as("conversations the leader routed").isPositive();
            assertThat(routed(standby)).as("conversations the standby routed").isPositive();
            assertThat(routed(leader) + routed(standby)).isEqualTo(traffic.conversations());
            assertThat(leader.counter("gateway.crm.records")).as("CRM records the leader sent").isPositive();
            assertThat(standby.counter("gateway.crm.records")).as("CRM records the standby sent").isPositive();
            assertThat(sandbox.state().duplicateRoutes()).isZero();
            traffic.assertKeptInOrder(sandbox.routingCalls(), sandbox.crmCalls());
        }
    }

    private GatewayRun replica(String name, String routes, SharedBroker broker, CxoneSandbox sandbox) {
        Map<String, String> p = SandboxAsCxone.properties(sandbox, routes);
        p.remove("camel.main.routes-include-pattern"); // GatewayRun sets it; a second one would add to it
        p.put("spring.artemis.mode", "native");
        p.put("spring.artemis.broker-url", broker.url());
        p.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("db/gateway") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        p.put("crm.repository-name", "crm_batches_" + name); // tables of its own (shared tables: CrmReplicasPostgresTest)
        p.put("gateway.leader.lock-dir", dir.resolve("leader-" + name).toString());
        p.put("spring.jmx.unique-names", "true"); // two applications in one JVM's MBean server
        p.put("logging.level.root", "WARN");
        return GatewayRun.start(dir.resolve(name), routes, p);
    }

    private static double routed(GatewayRun gateway) {
        return gateway.counter(RoutingMetrics.OUTCOMES, "outcome", "routed");
    }

    private static int crmBatchesLeft(GatewayRun gateway, String repository) {
        return new JdbcTemplate(gateway.context().getBean(DataSource.class)).queryForObject("SELECT (SELECT COUNT(*) FROM "
                + repository + ") + (SELECT COUNT(*) FROM " + repository + "_completed)", Integer.class);
    }
}
