package io.guestgateway.crm;

import static io.guestgateway.crm.CrmTestSupport.acceptedBatches;
import static io.guestgateway.crm.CrmTestSupport.ids;
import static io.guestgateway.crm.CrmTestSupport.sessions;
import static org.assertj.core.api.Assertions.assertThat;

import io.guestgateway.guest.GuestMessage;
import io.guestgateway.handoff.DurableHandOff;
import io.guestgateway.platform.Replicas;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.Target;
import io.guestgateway.support.BrokerProcess;
import io.guestgateway.support.ChildGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * CRM batches survive a replica: gateways, each a child JVM, share one PostgreSQL schema (one set
 * of CRM batch tables), one broker and one sandbox CRM. First a and b both hold an open batch (1,000
 * records to a batch, never closed by time) and a is killed with SIGKILL; then c closes batches by
 * size (3 records) while the CRM refuses them, and is killed while retrying. The survivor b sends
 * each dead replica's batches within {@link #TAKEOVER_BOUND}, and its own at a graceful stop. Every
 * record reaches the CRM exactly once, and the batch tables end empty.
 *
 * <p>Not covered: a kill after the CRM accepted a POST and before the gateway read the answer; the
 * batch is sent again by recovery (the CRM contract has no idempotency key; it upserts by
 * {@code external_id}).
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.ENV, matches = "jdbc:postgresql:.+")
class CrmReplicasPostgresTest {

    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(1);
    private static final Duration INSTANCE_TIMEOUT = Duration.ofSeconds(4);
    /** instance-timeout + a take-over pass + two recovery scans (SettledBatches) + the POSTs, with room for a loaded machine. */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(20);

    private Replicas replicas;
    private BrokerProcess broker;
    private CxoneSandbox sandbox;
    private JdbcTemplate db;

    @BeforeEach
    void startSharedParts() throws Exception {
        replicas = Replicas.start("crm-replicas");
        broker = replicas.broker();
        sandbox = replicas.sandbox();
        db = new JdbcTemplate(new DriverManagerDataSource(replicas.databaseUrl()));
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (replicas != null) {
            replicas.close();
        }
    }

    @Test
    void aKilledReplicasOpenAndClosedBatchesAreSentOnceBySurvivors() throws Exception {
        long launched = System.nanoTime();
        ChildGateway a = startGateway("pod-a", 1000, "1h");
        ChildGateway b = startGateway("pod-b", 1000, "1h");
        within(Duration.ofSeconds(120), "a and b ready, their CRM consumers on the broker",
                () -> a.ready() && b.ready() && broker.consumers("guest.crm") == 4);
        double startSeconds = seconds(launched);

        // 1. an open batch: both replicas hold one (nothing closes by size or time); a is killed
        send(sessions("open", 20));
        within(Duration.ofSeconds(20), "guest.crm consumed, both replicas holding an open batch",
                () -> broker.depth("guest.crm") == 0 && openBatches().containsAll(List.of("pod-a", "pod-b")));
        long killedAt = System.nanoTime();
        assertThat(a.kill()).as("exit value after SIGKILL").isEqualTo(137);
        within(TAKEOVER_BOUND, "a's open batch sent by b",
                () -> !openBatches().contains("pod-a") && rows("_completed") == 0 && acceptedBatches(sandbox).size() == 1);
        double openSeconds = seconds(killedAt);
        List<String> fromA = sentIds();
        assertThat(fromA).as("a's records, sent by b").isNotEmpty().allMatch(id -> id.startsWith("open-"));
        assertThat(openBatches()).containsExactly("pod-b");

        // 2. closed batches mid-post: c closes batches by size (3 records) while the CRM refuses
        //    them, and retries the first on the listener thread that took its last message (later
        //    ones wait their turn); c is killed. The messages that closed them were acknowledged
        //    when the batches were stored as closed, so none comes back into a batch of b's
        ChildGateway c = startGateway("pod-c", 3, "1h");
        within(Duration.ofSeconds(90), "c ready, its CRM consumers on the broker",
                () -> c.ready() && broker.consumers("guest.crm") == 4);
        sandbox.setFaults(Target.CRM, FaultSettings.none().withOutage(true));
        // the replicas' consumers share guest.crm: ten sessions at a time until c has closed a batch
        List<GuestMessage> closed = new ArrayList<>();
        within(Duration.ofSeconds(30), "c retrying a closed batch the CRM refuses", () -> {
            if (closedBatchesOf("pod-c") >= 1 && sandbox.crmCalls().stream().anyMatch(call -> call.status() == 503)) {
                return true;
            }
            if (broker.depth("guest.crm") == 0 && closed.size() < 200) {
                List<GuestMessage> more = sessions("closed" + closed.size() / 10, 10);
                send(more);
                closed.addAll(more);
            }
            return false;
        });
        killedAt = System.nanoTime();
        assertThat(c.kill()).as("exit value after SIGKILL").isEqualTo(137);
        sandbox.setFaults(Target.CRM, FaultSettings.none());
        within(TAKEOVER_BOUND, "c's batches sent by b",
                () -> !openBatches().contains("pod-c") && rows("_completed") == 0 && acceptedBatches(sandbox).size() >= 2);
        double closedSeconds = seconds(killedAt);
        int fromC = sentIds().size() - fromA.size();

        // a graceful stop sends b's own open batch
        assertThat(b.stop()).as("exit value after SIGTERM").isZero();
        List<String> sent = sentIds();
        List<String> expected = Stream.of(sessions("open", 20), closed)
                .flatMap(List::stream).map(m -> m.sessionId()).toList();
        assertThat(sent).as("records the CRM accepted").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rows("") + rows("_completed")).as("batches left in the tables").isZero();
        // a batch keeps its Idempotency-Key (its id) when another replica sends it after a crash
        Set<String> refusedKeys = sandbox.crmCalls().stream().filter(call -> call.status() == 503)
                .map(call -> call.header("Idempotency-Key")).collect(Collectors.toSet());
        List<String> acceptedKeys = sandbox.crmCalls().stream().filter(call -> call.status() / 100 == 2)
                .map(call -> call.header("Idempotency-Key")).toList();
        assertThat(refusedKeys).as("keys of c's refused POSTs").isNotEmpty().doesNotContainNull();
        assertThat(acceptedKeys).as("keys of the accepted POSTs").doesNotContainNull().doesNotHaveDuplicates()
                .containsAnyElementsOf(refusedKeys);
        assertThat(broker.depth("guest.crm")).isZero();
        assertThat(broker.depth("guest.crm.dlq")).isZero();

        System.out.printf(Locale.ROOT, "CRM replicas: a and b ready %.1f s after launch; b sent killed a's open batch"
                        + " (%d records) %.1f s after its SIGKILL, killed c's closed batches (%d records) %.1f s after its;"
                        + " %d records sent in all, each once%n",
                startSeconds, fromA.size(), openSeconds, fromC, closedSeconds, sent.size());
    }

    private ChildGateway startGateway(String instanceId, int batchSize, String flushInterval) {
        return replicas.startGateway(instanceId, Map.of(
                "crm.instance-id", instanceId,
                "crm.batch-size", Integer.toString(batchSize),
                "crm.flush-interval", flushInterval,
                "crm.recovery-interval", RECOVERY_INTERVAL.toMillis() + "ms",
                "crm.instance-timeout", INSTANCE_TIMEOUT.toMillis() + "ms",
                // retried through the outage until the kill
                "crm.max-retries", "1000",
                "crm.initial-delay", "500ms",
                "crm.max-delay", "1s",
                "logging.level.io.guestgateway.crm", "INFO"));
    }

    private void send(List<GuestMessage> messages) {
        try (ActiveMQConnectionFactory factory = broker.connectionFactory()) {
            new DurableHandOff(factory, CrmTestSupport.JSON).sendAll(messages, "guest.crm");
        }
    }

    private List<String> sentIds() {
        return acceptedBatches(sandbox).stream().flatMap(batch -> ids(batch).stream()).toList();
    }

    private List<String> openBatches() {
        return db.queryForList("SELECT id FROM crm_batches", String.class);
    }

    private int closedBatchesOf(String instanceId) {
        return db.queryForObject("SELECT COUNT(*) FROM crm_batches_completed WHERE instance_id = ?", Integer.class, instanceId);
    }

    private long rows(String suffix) {
        return db.queryForObject("SELECT COUNT(*) FROM crm_batches" + suffix, Long.class);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private void within(Duration bound, String what, Callable<Boolean> condition) {
        replicas.within(bound, what, condition);
    }
}
