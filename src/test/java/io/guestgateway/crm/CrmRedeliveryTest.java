package io.guestgateway.crm;

import static io.guestgateway.crm.CrmTestSupport.acceptedBatches;
import static io.guestgateway.crm.CrmTestSupport.ids;
import static io.guestgateway.crm.CrmTestSupport.sessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.GatewayApplication;
import io.guestgateway.config.CrmProperties;
import io.guestgateway.guest.GuestMessage;
import io.guestgateway.handoff.DurableHandOff;
import io.guestgateway.platform.AcceptedQueues;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.support.GatewayRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A replica dies after storing the batch that took a guest message and before acknowledging the
 * message; the broker delivers it again to a survivor, which also takes the dead replica's batch
 * over and sends it. The record must reach the CRM once. The dead replica here is what its
 * aggregator left in the shared tables (its open batch, written by {@link ClusteredBatchRepository}
 * with the same strategy the route uses, never seen alive), and the redelivery is real: the broker
 * gives the messages to a consumer that rolls back, then to the gateway with JMSRedelivered set.
 * A message delivered again that no batch took is added as usual.
 */
@CamelSpringBootTest
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CrmRedeliveryTest {

    private static final int SANDBOX_PORT = GatewayRun.freePort();
    private static final String DEAD = "pod-killed";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("camel.main.routes-include-pattern", () -> CrmTestSupport.ROUTES);
        registry.add("camel.main.shutdown-timeout", () -> "10");
        registry.add("gateway.data-dir", () -> dataDir.toString());
        registry.add("gateway.admin.password", () -> "crm-redelivery-admin");
        registry.add("cxone.sandbox.port", () -> SANDBOX_PORT);
        registry.add("crm.url", () -> "http://127.0.0.1:" + SANDBOX_PORT + "/crm/batch");
        registry.add("crm.instance-id", () -> "pod-survivor");
        registry.add("crm.batch-size", () -> "5");
        registry.add("crm.flush-interval", () -> "1h");
        registry.add("crm.recovery-interval", () -> "500ms");
        registry.add("crm.instance-timeout", () -> "2s");
    }

    @Autowired
    CxoneSandbox sandbox;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DataSource dataSource;
    @Autowired
    CamelContext camel;
    @Autowired
    CrmProperties crm;
    @Autowired
    EmbeddedActiveMQ embeddedBroker;

    @Test
    void aMessageDeliveredAgainAfterABatchTookItReachesTheCrmOnce() throws Exception {
        camel.getRouteController().stopRoute("sync-crm-batch");
        List<String> skips = watchSkips();
        List<GuestMessage> taken = sessions("taken", 3);
        List<GuestMessage> fresh = sessions("fresh", 5);
        leaveOpenBatchOfDeadReplica(taken);

        // the broker delivers the dead replica's three and one other message again; the other four once
        DurableHandOff handOff = new DurableHandOff(connectionFactory, objectMapper);
        handOff.sendAll(taken, "guest.crm");
        handOff.sendAll(fresh.subList(0, 1), "guest.crm");
        assertThat(takeAndRollBack(4)).as("messages a consumer took and did not acknowledge").isEqualTo(4);
        handOff.sendAll(fresh.subList(1, 5), "guest.crm");
        double skippedBefore = skipped();
        camel.getRouteController().startRoute("sync-crm-batch");

        // all eight sessions at the CRM, or one of them twice (what this test is about)
        await().atMost(Duration.ofSeconds(30)).until(() -> sessionsSent().size() == 8
                || sessionsSent().values().stream().anyMatch(times -> times > 1));
        assertThat(sessionsSent()).as("times each session reached the CRM").containsOnly(
                Map.entry("taken-1", 1L), Map.entry("taken-2", 1L), Map.entry("taken-3", 1L), Map.entry("fresh-1", 1L),
                Map.entry("fresh-2", 1L), Map.entry("fresh-3", 1L), Map.entry("fresh-4", 1L), Map.entry("fresh-5", 1L));
        assertThat(acceptedBatches(sandbox)).extracting(batch -> Set.copyOf(ids(batch))).containsExactlyInAnyOrder(
                Set.of("taken-1", "taken-2", "taken-3"), Set.of("fresh-1", "fresh-2", "fresh-3", "fresh-4", "fresh-5"));
        // the dead replica's three, at their second delivery. A message the broker delivers once
        // more after the route took it is skipped too, which is what the ledger is for. Some suite
        // runs show one of the three again at a third delivery; the log of one such run has a
        // guest.crm consumer's set-up failing with an InterruptedException and, half a second
        // later, an acknowledgement failing with "AMQ219030: The transaction was rolled back on
        // failover", after which the broker delivers that message once more. The route's stop and
        // start above are the likely source of the interrupt; not settled. So further skips are
        // allowed, and printed above
        System.out.println("CrmRedeliveryTest: skipped as already batched, session (delivery): " + skips);
        assertThat(skips).as("skipped messages, as session (delivery)")
                .contains("taken-1 (2)", "taken-2 (2)", "taken-3 (2)")
                .hasSize((int) (skipped() - skippedBefore));
    }

    /** The messages the route skips as already batched, as "session (delivery count)", in order. */
    private List<String> watchSkips() throws Exception {
        List<String> skips = new CopyOnWriteArrayList<>();
        EventNotifierSupport watcher = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeSentEvent sent
                        && sent.getEndpoint().getEndpointUri().contains("gateway.crm.redelivered.skipped")) {
                    Exchange exchange = sent.getExchange();
                    skips.add(exchange.getMessage().getBody(GuestMessage.class).sessionId()
                            + " (" + exchange.getMessage().getHeader("JMSXDeliveryCount") + ")");
                }
            }
        };
        camel.getManagementStrategy().addEventNotifier(watcher);
        watcher.start();
        return skips;
    }

    /**
     * What the dead replica's aggregator wrote, message by message, before the kill. Written in one
     * transaction: the survivor's take-over pass runs every half second from its start and takes a
     * replica never seen as gone at once, so between two of these writes it could move the batch
     * away (the next write then fails its version check). A live replica is never taken over while it
     * writes; here the survivor finds all three messages or none.
     */
    private void leaveOpenBatchOfDeadReplica(List<GuestMessage> messages) {
        ClusteredBatchRepository dead = BatchRepositories.create(dataSource, crm.repositoryName(), DEAD,
                crm.instanceTimeout(), crm.recoveryInterval().toMillis(), 1, "log:unused", crm.redeliveryWindow());
        dead.setCamelContext(camel);
        dead.init(); // never started: never seen alive, so the survivor takes its batch over
        LatestMessagePerSession strategy = new LatestMessagePerSession();
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status -> {
            for (GuestMessage message : messages) {
                Exchange incoming = new DefaultExchange(camel);
                incoming.getMessage().setBody(message);
                dead.add(camel, DEAD, strategy.aggregate(dead.get(camel, DEAD), incoming));
            }
        });
    }

    /** Takes {@code count} messages off guest.crm in a transaction and rolls it back. */
    private int takeAndRollBack(int count) throws Exception {
        int taken = 0;
        // the broker's own factory: Spring's caching one keeps a closed consumer open, holding the messages
        ConnectionFactory broker = connectionFactory instanceof CachingConnectionFactory caching
                ? caching.getTargetConnectionFactory() : connectionFactory;
        try (Connection connection = broker.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(AcceptedQueues.fullyQualified("guest.crm")));
            for (int i = 0; i < count; i++) {
                Message message = consumer.receive(5_000);
                if (message != null) {
                    taken++;
                }
            }
            session.rollback();
            // close only once the broker has the messages back (a rollback returns them after its
            // journal write), so that the route starts on exactly these four
            Queue queue = embeddedBroker.getActiveMQServer().locateQueue(SimpleString.of("guest.crm"));
            int rolledBack = taken;
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> queue.getDeliveringCount() == 0 && queue.getMessageCount() == rolledBack);
        }
        return taken;
    }

    /** How many accepted batches carried each session. */
    private Map<String, Long> sessionsSent() {
        List<String> sent = new ArrayList<>();
        acceptedBatches(sandbox).forEach(batch -> sent.addAll(ids(batch)));
        return sent.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private double skipped() {
        Counter counter = meters.find("gateway.crm.redelivered.skipped").counter();
        return counter == null ? 0 : counter.count();
    }
}
