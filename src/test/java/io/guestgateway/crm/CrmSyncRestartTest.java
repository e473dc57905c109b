package io.guestgateway.crm;

import static io.guestgateway.crm.CrmTestSupport.batchesOf;
import static io.guestgateway.crm.CrmTestSupport.ids;
import static io.guestgateway.crm.CrmTestSupport.sessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.GatewayApplication;
import io.guestgateway.handoff.DurableHandOff;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.SandboxSettings;
import io.guestgateway.support.ChildGateway;
import io.guestgateway.support.GatewayRun;
import jakarta.jms.ConnectionFactory;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The open batch across the gateway's end: a graceful stop sends it, also when the stop is a
 * SIGTERM to the JVM (a pod stop); a {@code kill -9} leaves it in the database, and the next start
 * sends it.
 *
 * <p>These tests start and stop whole gateways themselves instead of sharing a test-managed Spring
 * context, because stopping and restarting is what they test. The crash is real: a child JVM
 * ({@link CrmCrashChild}) killed with {@link Process#destroyForcibly()} (SIGKILL), so no shutdown
 * hook, no Camel stop and no JMS or database commit runs after the kill. One standalone sandbox
 * plays the CRM for every gateway in the class, so each POST of both lives is recorded.
 * {@link CrmSyncRestartPostgresTest} runs the same on PostgreSQL.
 */
class CrmSyncRestartTest {

    private static final int CRASH_MESSAGES = 40;
    private static CxoneSandbox crm;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startCrm() {
        crm = CxoneSandbox.start(SandboxSettings.defaults().withPort(0));
    }

    @AfterAll
    static void stopCrm() {
        crm.close();
    }

    /** Extra settings that select the database; H2 under gateway.data-dir by default. */
    protected Map<String, String> database() {
        return Map.of();
    }

    /** Rows left in the two batch tables once the gateway is down. */
    protected long batchRows() throws SQLException {
        String url = "jdbc:h2:file:" + dataDir.resolve("db/gateway").toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT (SELECT COUNT(*) FROM crm_batches) + (SELECT COUNT(*) FROM crm_batches_completed)")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void aGracefulStopSendsTheOpenBatch() throws SQLException {
        try (ConfigurableApplicationContext gateway = start(settings("100", "1h"))) {
            new DurableHandOff(gateway.getBean(ConnectionFactory.class), gateway.getBean(ObjectMapper.class))
                    .sendAll(sessions("graceful", 3), "guest.crm");
            await().atMost(Duration.ofSeconds(10)).until(() -> recordsInOpenBatch(gateway) == 3);
            assertThat(batchesOf(crm, "graceful")).isEmpty();
        } // the graceful stop: also when an assertion above failed, so no gateway outlives its test

        assertThat(batchesOf(crm, "graceful")).singleElement()
                .satisfies(batch -> assertThat(ids(batch)).containsExactlyInAnyOrder("graceful-1", "graceful-2", "graceful-3"));
        assertThat(batchRows()).isZero();
    }

    @Test
    void afterKill9TheOpenBatchIsInTheDatabaseAndTheNextStartSendsIt() throws Exception {
        // first life: batches never close by size or time, so whatever was consumed sits in the
        // open batch when the process dies
        Map<String, String> firstLife = settings("1000", "1h");
        firstLife.put("crash.messages", Integer.toString(CRASH_MESSAGES));
        Process child = startChild(firstLife);
        ChildOutput output = ChildOutput.follow(child);
        try {
            String aggregated = output.aggregated.get(120, TimeUnit.SECONDS);
            assertThat(Integer.parseInt(aggregated)).isGreaterThanOrEqualTo(CRASH_MESSAGES / 2);
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child stopped").isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL, not stopped").isEqualTo(137);
        assertThat(batchesOf(crm, "crash")).as("nothing sent in the first life").isEmpty();

        // second life, same data: the open batch (records the broker has forgotten) and the
        // messages the first life never committed are all sent
        try (ConfigurableApplicationContext gateway = start(settings("1000", "500ms"))) {
            List<String> expected = IntStream.rangeClosed(1, CRASH_MESSAGES).mapToObj(i -> "crash-" + i).toList();
            await().atMost(Duration.ofSeconds(30)).until(() -> sentIds().containsAll(expected));
            assertThat(batchesOf(crm, "crash")).allSatisfy(batch -> assertThat(ids(batch)).doesNotHaveDuplicates());
            // at least once across batches: a record committed to the open batch whose message the
            // kill left unacknowledged is redelivered into a later batch (the CRM upserts by external_id)
            assertThat(new java.util.HashSet<>(sentIds())).isEqualTo(new java.util.HashSet<>(expected));
        }
        assertThat(batchRows()).isZero();
    }

    @Test
    void aSigtermSendsTheOpenBatchBeforeTheJvmEnds() throws Exception {
        // SIGTERM runs the JVM's shutdown hooks, Spring's (Camel's stop, which completes the open
        // batch) and the database driver's side by side; the batch needs the database until it is sent.
        // Sent once every message is in the open batch: Camel completes open batches right after it
        // suspends the consumers and before in-flight messages finish, so a message in flight at the
        // stop opens a new batch, which stays in the database for the next start (or a take-over)
        Map<String, String> life = settings("1000", "1h");
        life.put("crash.messages", Integer.toString(CRASH_MESSAGES));
        life.put("crash.await-records", Integer.toString(CRASH_MESSAGES));
        life.put("crash.prefix", "sigterm");
        Process child = startChild(life);
        ChildOutput output = ChildOutput.follow(child);
        int aggregated;
        try {
            aggregated = Integer.parseInt(output.aggregated.get(120, TimeUnit.SECONDS));
            child.destroy();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child stopped after SIGTERM").isTrue();
        } finally {
            child.destroyForcibly();
        }
        List<String> sent = batchesOf(crm, "sigterm").stream().flatMap(batch -> ids(batch).stream()).toList();
        assertThat(sent).as("the open batch was sent before the JVM ended; child output:%n%s", output.tail())
                .hasSizeGreaterThanOrEqualTo(aggregated).doesNotHaveDuplicates();
        assertThat(batchRows()).as("no batch left behind (%d aggregated at SIGTERM, %d sent); child output:%n%s",
                aggregated, sent.size(), output.tail()).isZero();
    }

    private Map<String, String> settings(String batchSize, String flushInterval) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("camel.main.routes-include-pattern", CrmTestSupport.ROUTES);
        settings.put("camel.main.shutdown-timeout", "10");
        settings.put("gateway.data-dir", dataDir.toAbsolutePath().toString());
        settings.put("server.port", "0");
        settings.put("cxone.sandbox.port", Integer.toString(GatewayRun.freePort()));
        settings.put("crm.url", crm.crmUrl());
        settings.put("crm.batch-size", batchSize);
        settings.put("crm.flush-interval", flushInterval);
        settings.put("crm.recovery-interval", "500ms");
        settings.putAll(database());
        return settings;
    }

    private static ConfigurableApplicationContext start(Map<String, String> settings) {
        return new SpringApplicationBuilder(GatewayApplication.class).run(arguments(settings).toArray(String[]::new));
    }

    private static Process startChild(Map<String, String> settings) throws Exception {
        List<String> command = ChildGateway.javaCommand(CrmCrashChild.class, "-Xmx512m");
        command.addAll(arguments(settings));
        return new ProcessBuilder(command).directory(new File(".").getAbsoluteFile()).redirectErrorStream(true).start();
    }

    private static List<String> arguments(Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    private static List<String> sentIds() {
        return batchesOf(crm, "crash").stream().flatMap(batch -> ids(batch).stream()).toList();
    }

    private static int recordsInOpenBatch(ConfigurableApplicationContext gateway) {
        ClusteredBatchRepository repository = gateway.getBean(ClusteredBatchRepository.class);
        Exchange batch = repository.get(gateway.getBean(CamelContext.class), repository.getInstanceId());
        return batch == null ? 0 : batch.getMessage().getBody(List.class).size();
    }

    /** Reads the child's output on a daemon thread; keeps the tail for a failure message. */
    private static final class ChildOutput {
        final CompletableFuture<String> aggregated = new CompletableFuture<>();
        final Deque<String> tail = new ArrayDeque<>();

        String tail() {
            synchronized (tail) {
                return String.join("\n", tail);
            }
        }

        static ChildOutput follow(Process child) {
            ChildOutput output = new ChildOutput();
            Thread reader = new Thread(() -> output.read(child), "crash-child-output");
            reader.setDaemon(true);
            reader.start();
            return output;
        }

        private void read(Process child) {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 200) {
                            tail.removeFirst();
                        }
                    }
                    if (line.startsWith(CrmCrashChild.AGGREGATED)) {
                        aggregated.complete(line.substring(CrmCrashChild.AGGREGATED.length()).trim());
                    }
                }
            } catch (java.io.IOException e) {
                // the child was killed; its pipe closes
            } finally {
                synchronized (tail) {
                    aggregated.completeExceptionally(new IllegalStateException(
                            "child ended before its batch was aggregated; last output:\n" + String.join("\n", tail)));
                }
            }
        }
    }
}
