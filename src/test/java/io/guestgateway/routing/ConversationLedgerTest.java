package io.guestgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.guestgateway.deadletter.DeadLetterHeaders;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger on H2, the default store; {@link ConversationLedgerPostgresTest} runs the same on PostgreSQL. */
class ConversationLedgerTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final AtomicInteger duplicates = new AtomicInteger();
    private DataSource dataSource;
    private ConversationLedger ledger;

    /** A fresh, empty database for one test. */
    protected DataSource newDatabase() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        // one private in-memory database per test, kept while the test runs
        h2.setURL("jdbc:h2:mem:ledger-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    protected void dropDatabase(DataSource database) throws Exception {
        // in memory: gone with the JVM
    }

    @BeforeEach
    void start() throws Exception {
        dataSource = newDatabase();
        ledger = new ConversationLedger(dataSource, duplicates::incrementAndGet, () -> { });
        ledger.start();
    }

    @AfterEach
    void stop() throws Exception {
        ledger.stop();
        camel.stop();
        dropDatabase(dataSource);
    }

    @Test
    void aConversationIsClaimedOnceAndDoneWhenConfirmed() {
        assertThat(ledger.add(message(), "c-1")).isTrue();
        // a second message of the same conversation while the first is in flight
        assertThat(ledger.add(message(), "c-1")).isFalse();
        ledger.confirm("c-1");
        assertThat(ledger.isRouted("c-1")).isTrue();
        assertThat(ledger.add(message(), "c-1")).isFalse();
        assertThat(duplicates).hasValue(2);
    }

    @Test
    void aFailedAttemptReleasesItsClaimOnly() {
        assertThat(ledger.add(message(), "c-1")).isTrue();
        ledger.remove("c-1");
        assertThat(ledger.isRouted("c-1")).isFalse();
        assertThat(ledger.add(message(), "c-1")).isTrue();
    }

    @Test
    void whatWasRoutedSurvivesARestartWhatWasInFlightDoesNot() {
        assertThat(ledger.add(message(), "routed")).isTrue();
        ledger.confirm("routed");
        assertThat(ledger.add(message(), "abandoned")).isTrue();
        ledger.stop();

        ConversationLedger restarted = new ConversationLedger(dataSource, () -> { }, () -> { });
        restarted.start();
        try {
            assertThat(restarted.add(message(), "routed")).isFalse();
            assertThat(restarted.add(message(), "abandoned")).isTrue();
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aDeadLetteredConversationIsDoneUntilItsDeadLetterIsReplayed() {
        assertThat(ledger.add(message(), "c-dl")).isTrue();
        ledger.markDeadLettered("c-dl");
        ledger.remove("c-dl");
        assertThat(ledger.contains("c-dl")).isTrue();
        assertThat(ledger.add(message(), "c-dl")).isFalse();

        Exchange replay = message();
        replay.getMessage().setHeader(DeadLetterHeaders.REPLAYED, true);
        assertThat(ledger.add(replay, "c-dl")).isTrue();
        ledger.confirm("c-dl");
        // replaying a routed conversation does nothing
        assertThat(ledger.add(replay, "c-dl")).isFalse();
    }

    @Test
    void aBrokerRedeliveryPassesADeadLetterMarkItsOwnRollbackLeftBehind() {
        ledger.markDeadLettered("c-dl");
        Exchange redelivered = message();
        redelivered.getMessage().setHeader("JMSRedelivered", true);
        assertThat(ledger.add(redelivered, "c-dl")).isTrue();
    }

    @Test
    void recordingTwiceIsHarmless() {
        ledger.markDeadLettered("c-1");
        ledger.markDeadLettered("c-1");
        ledger.confirm("c-2");
        ledger.confirm("c-2");
        assertThat(ledger.isRouted("c-2")).isTrue();
    }

    @Test
    void longConversationIdsFit() {
        String id = "c-" + "x".repeat(900);
        assertThat(ledger.add(message(), id)).isTrue();
        ledger.confirm(id);
        assertThat(ledger.isRouted(id)).isTrue();
    }

    @Test
    void consumersConfirmingTogetherEachGetTheirOwnAnswerAndTheRecord() throws Exception {
        ledger.confirm("c-known"); // recorded before: its batch falls back to one insert per key
        int threads = 10;
        int each = 20;
        AtomicInteger inserted = new AtomicInteger();
        AtomicInteger repeated = new AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        (ledger.confirm("c-" + thread + "-" + i) ? inserted : repeated).incrementAndGet();
                        if (i % 10 == 0) {
                            (ledger.confirm("c-known") ? inserted : repeated).incrementAndGet();
                        }
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(inserted).hasValue(threads * each);
        assertThat(repeated).hasValue(threads * (each / 10));
        assertThat(routedRecords()).isEqualTo(threads * each + 1);
    }

    private long routedRecords() throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM "
                        + ProcessedKeys.TABLE + " WHERE processorName = '" + ConversationLedger.ROUTED + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void whatWasConfirmedBeforeAStopIsRecorded() {
        ledger.confirm("c-before-stop");
        ledger.stop();
        ConversationLedger restarted = new ConversationLedger(dataSource, () -> { }, () -> { });
        restarted.start();
        try {
            assertThat(restarted.isRouted("c-before-stop")).isTrue();
        } finally {
            restarted.stop();
        }
    }

    private Exchange message() {
        return new DefaultExchange(camel);
    }
}
