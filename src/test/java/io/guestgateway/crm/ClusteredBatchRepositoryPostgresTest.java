package io.guestgateway.crm;

import static io.guestgateway.crm.CrmTestSupport.T0;
import static io.guestgateway.crm.CrmTestSupport.guest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link ClusteredBatchRepository} on PostgreSQL, several replicas on one table: each keeps its
 * own open batch without contending with the others, and the open and closed batches of a replica
 * that is gone are taken over by exactly one survivor, whose recovery finds them.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.ENV, matches = ".+")
class ClusteredBatchRepositoryPostgresTest {

    private static final long RECOVERY_MILLIS = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String table = PostgresTestDatabase.uniqueTable();
    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(PostgresTestDatabase.url());
    private final JdbcTemplate db = new JdbcTemplate(dataSource);
    private final List<ClusteredBatchRepository> started = new ArrayList<>();
    private CamelContext camel;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stopAll() throws SQLException {
        started.forEach(ClusteredBatchRepository::stop);
        camel.stop();
        PostgresTestDatabase.dropTables(table);
    }

    /** Two replicas starting together on a new database both create the tables; both must start. */
    @Test
    void twoReplicasCreatingTheTablesAtOnceBothSucceed() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String fresh = table + "_r" + round;
                CyclicBarrier together = new CyclicBarrier(2);
                Callable<Void> create = () -> {
                    together.await(10, TimeUnit.SECONDS);
                    BatchRepositories.createTables(dataSource, fresh, "BYTEA");
                    return null;
                };
                try {
                    for (Future<Void> done : two.invokeAll(List.of(create, create))) {
                        done.get(); // a refused CREATE surfaces here
                    }
                } finally {
                    PostgresTestDatabase.dropTables(fresh);
                }
            }
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void replicasOnOneTableKeepTheirOwnBatchesWithoutContending() throws Exception {
        ClusteredBatchRepository a = replica("pod-a");
        ClusteredBatchRepository b = replica("pod-b");

        // both aggregate at once, as their aggregators would: read the open batch, add a record, store it
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> aggregate(a, "a", 40));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> aggregate(b, "b", 40));
        first.get();
        second.get(); // an optimistic-lock failure would surface here

        assertThat(a.getKeys()).containsExactly("pod-a");
        assertThat(b.getKeys()).containsExactly("pod-b");
        assertThat(records(a.get(camel, "pod-a"))).hasSize(40).allMatch(id -> id.startsWith("a-"));
        assertThat(records(b.get(camel, "pod-b"))).hasSize(40).allMatch(id -> id.startsWith("b-"));

        // a closes its batch; only a's recovery ever finds it, and b takes nothing of a live replica
        Exchange closed = a.get(camel, "pod-a");
        a.remove(camel, "pod-a", closed);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.scan(camel).contains(closed.getExchangeId()));
        assertThat(b.takeOver()).isZero();
        assertThat(b.scan(camel)).isEmpty();
        assertThat(owners()).containsExactly(Map.entry(closed.getExchangeId(), "pod-a"));
        assertThat(b.getKeys()).containsExactly("pod-b");
    }

    @Test
    void aGoneReplicasOpenAndClosedBatchesAreTakenOverByExactlyOneSurvivor() {
        ClusteredBatchRepository gone = replica("pod-gone");
        aggregate(gone, "closed", 3);
        Exchange closed = gone.get(camel, "pod-gone");
        gone.remove(camel, "pod-gone", closed);
        aggregate(gone, "open", 2);
        String openId = gone.get(camel, "pod-gone").getExchangeId();
        gone.stop(); // a kill -9: no more passes, batches left as they are
        db.update("UPDATE " + table + "_instances SET seen_at = seen_at - INTERVAL '1 hour' WHERE instance_id = 'pod-gone'");

        // two survivors take over in the background, every recovery interval, racing each other
        ClusteredBatchRepository b = replica("pod-b");
        ClusteredBatchRepository c = replica("pod-c");
        await().atMost(Duration.ofSeconds(10)).until(() -> !owners().containsValue("pod-gone")
                && owners().size() == 2 && db.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class) == 0);
        assertThat(owners()).containsOnlyKeys(closed.getExchangeId(), openId);
        assertThat(new HashSet<>(owners().values())).isSubsetOf(Set.of("pod-b", "pod-c"));

        // each batch is found by its new owner's recovery only, with its records, and confirmed once
        Map<String, ClusteredBatchRepository> byName = Map.of("pod-b", b, "pod-c", c);
        await().atMost(Duration.ofSeconds(10)).until(() -> b.scan(camel).size() + c.scan(camel).size() == 2);
        Set<String> both = new HashSet<>(b.scan(camel));
        both.retainAll(c.scan(camel));
        assertThat(both).as("batches both survivors' recovery would send").isEmpty();
        Map<String, String> owners = owners();
        ClusteredBatchRepository closedOwner = byName.get(owners.get(closed.getExchangeId()));
        ClusteredBatchRepository openOwner = byName.get(owners.get(openId));
        assertThat(records(closedOwner.recover(camel, closed.getExchangeId()))).containsExactly("closed-1", "closed-2", "closed-3");
        Exchange adopted = openOwner.recover(camel, openId);
        assertThat(records(adopted)).containsExactly("open-1", "open-2");
        // as the aggregator marks a batch it closes: its recovery task needs both
        assertThat(adopted.getProperty(Exchange.AGGREGATED_CORRELATION_KEY)).isEqualTo("pod-gone");
        assertThat(adopted.getProperty(Exchange.AGGREGATED_COMPLETED_BY)).isEqualTo("force");
        assertThat(closedOwner.confirmWithResult(camel, closed.getExchangeId())).isTrue();
        assertThat(openOwner.confirmWithResult(camel, openId)).isTrue();
        assertThat(owners()).isEmpty();
        assertThat(db.queryForList("SELECT instance_id FROM " + table + "_instances", String.class))
                .as("the gone replica is forgotten").containsExactlyInAnyOrder("pod-b", "pod-c");
    }

    @Test
    void batchesOfAnEarlierVersionAreMigratedAndTakenOver() {
        // the tables as the version before recovery by instance left them: no owner column, one
        // open batch under the old fixed key, one closed batch being sent
        BatchRepositories.createTables(dataSource, table, "BYTEA");
        db.execute("DROP TABLE " + table + "_instances");
        db.execute("ALTER TABLE " + table + "_completed DROP COLUMN instance_id");
        ClusteredBatchRepository old = replica("old");
        aggregate(old, "legacy-closed", 1);
        Exchange closed = old.get(camel, "old");
        old.remove(camel, "old", closed);
        aggregate(old, "legacy-open", 1);
        old.stop();
        db.execute("DROP TABLE " + table + "_instances");
        db.execute("ALTER TABLE " + table + "_completed DROP COLUMN instance_id");
        db.update("UPDATE " + table + " SET id = 'crm-batch'");

        ClusteredBatchRepository upgraded = replica("pod-new");
        await().atMost(Duration.ofSeconds(10)).until(() -> owners().size() == 2
                && owners().values().stream().allMatch("pod-new"::equals)
                && db.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class) == 0);
        assertThat(upgraded.getKeys()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> upgraded.scan(camel).size() == 2);
    }

    private ClusteredBatchRepository replica(String instanceId) {
        ClusteredBatchRepository repository = BatchRepositories.create(dataSource, table, instanceId, TIMEOUT,
                RECOVERY_MILLIS, 3, "direct:dead-letter-crm-batch", Duration.ofMinutes(10));
        repository.setCamelContext(camel);
        repository.start();
        started.add(repository);
        return repository;
    }

    /** What the aggregator does per message: the open batch (or a new one), one more record, stored. */
    private void aggregate(ClusteredBatchRepository repository, String prefix, int records) {
        for (int i = 1; i <= records; i++) {
            Exchange batch = repository.get(camel, repository.getInstanceId());
            if (batch == null) {
                batch = new DefaultExchange(camel);
                batch.getMessage().setBody(new ArrayList<Map<String, Object>>());
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> body = batch.getMessage().getBody(List.class);
            CrmRecords.putLatest(body, guest(prefix + "-" + i, "hello", T0 + i));
            repository.add(camel, repository.getInstanceId(), batch, batch);
        }
    }

    private static List<String> records(Exchange batch) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> body = batch.getMessage().getBody(List.class);
        return CrmTestSupport.ids(body);
    }

    /** Closed batch id to its owner, read directly. */
    private Map<String, String> owners() {
        Map<String, String> owners = new java.util.TreeMap<>();
        db.query("SELECT id, instance_id FROM " + table + "_completed",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> owners.put(rs.getString(1), rs.getString(2)));
        return owners;
    }
}
