package io.guestgateway.crm;

import static io.guestgateway.crm.CrmTestSupport.T0;
import static io.guestgateway.crm.CrmTestSupport.batchesOf;
import static io.guestgateway.crm.CrmTestSupport.callsOf;
import static io.guestgateway.crm.CrmTestSupport.guest;
import static io.guestgateway.crm.CrmTestSupport.ids;
import static io.guestgateway.crm.CrmTestSupport.sessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import io.guestgateway.platform.AcceptedQueues;
import io.guestgateway.support.GatewayRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.boot.test.web.server.LocalServerPort;
import io.guestgateway.GatewayApplication;
import io.guestgateway.guest.GuestMessage;
import io.guestgateway.handoff.DurableHandOff;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.RecordedCall;
import io.guestgateway.sandbox.Target;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The CRM stage end to end on H2: guest messages on {@code guest.crm}, the route, the real sandbox
 * CRM over HTTP. The flush interval is an hour here, so every batch in this class closes by size
 * (or by a dead letter / replay); {@link CrmBatchByTimeTest} covers the interval.
 * {@link CrmSyncPostgresTest} runs the same tests on PostgreSQL.
 */
@CamelSpringBootTest
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CrmSyncTest {

    static final int MAX_RETRIES = 4;
    private static final String ADMIN_PASSWORD = "crm-test-admin";
    private static final int SANDBOX_PORT = GatewayRun.freePort();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("camel.main.routes-include-pattern", () -> CrmTestSupport.ROUTES);
        registry.add("camel.main.shutdown-timeout", () -> "10");
        registry.add("gateway.data-dir", () -> dataDir.toString());
        registry.add("gateway.admin.password", () -> ADMIN_PASSWORD);
        registry.add("cxone.sandbox.port", () -> SANDBOX_PORT);
        // the sandbox default for crm.url is computed before test properties exist: set it here
        registry.add("crm.url", () -> "http://127.0.0.1:" + SANDBOX_PORT + "/crm/batch");
        registry.add("crm.batch-size", () -> "5");
        registry.add("crm.flush-interval", () -> "1h");
        registry.add("crm.max-retries", () -> MAX_RETRIES);
        registry.add("crm.initial-delay", () -> "100ms");
        registry.add("crm.max-delay", () -> "400ms");
        registry.add("crm.max-retry-after", () -> "1s");
        registry.add("crm.http-timeout", () -> "5s");
        registry.add("crm.recovery-interval", () -> "500ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    CxoneSandbox sandbox;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ClusteredBatchRepository crmBatchRepository;
    @Autowired
    DataSource dataSource;
    @Autowired
    CamelContext camel;
    @Autowired
    EmbeddedActiveMQ broker;

    private JmsTemplate jms;

    @BeforeEach
    void cleanSlate() {
        jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(200);
        sandbox.setFaults(Target.CRM, FaultSettings.none());
        sandbox.reset();
        for (int i = 0; i < 100 && jms.receive("guest.crm.dlq") != null; i++) {
            // dead letters of an earlier test
        }
    }

    /** The database product the configured datasource calls for. */
    protected String expectedDatabase() {
        return "H2";
    }

    @Test
    void openBatchesLiveInTheConfiguredDatabaseRecoveredByInstance() throws Exception {
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo(expectedDatabase());
        }
        assertThat(crmBatchRepository.isRecoveryByInstance()).isTrue();
        assertThat(crmBatchRepository.getInstanceId()).isNotBlank();
    }

    @Test
    void aBatchClosesAtBatchSizeRecordsAndIsPostedExactlyAsTheContractSays() {
        double sent = counter("gateway.crm.batches", "sent");
        double records = counter("gateway.crm.records", null);
        long timed = meters.get("gateway.crm.batch.latency").timer().count();

        send(sessions("size", 5));

        await().atMost(Duration.ofSeconds(10)).until(() -> callsOf(sandbox, "size").size() == 1);
        RecordedCall call = callsOf(sandbox, "size").get(0);
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/crm/batch");
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
        // each record exactly as the contract writes it (order across sessions is not part of it:
        // two consumers fill the batch), and nothing else in the array
        List<String> expected = List.of(record("size-1", 1764412346.127), record("size-2", 1764412347.127),
                record("size-3", 1764412348.127), record("size-4", 1764412349.127), record("size-5", 1764412350.127));
        assertThat(call.body()).startsWith("[{").endsWith("}]");
        assertThat(expected).allSatisfy(r -> assertThat(call.body()).contains(r));
        assertThat(call.body()).hasSize(2 + expected.stream().mapToInt(String::length).sum() + expected.size() - 1);
        // nothing of the JMS message or the aggregation reaches the CRM as a header
        assertThat(call.headers().keySet()).noneMatch(h -> h.startsWith("JMS") || h.startsWith("Camel")
                || h.startsWith("Gateway") || h.startsWith("Crm"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(counter("gateway.crm.batches", "sent")).isEqualTo(sent + 1);
            assertThat(counter("gateway.crm.records", null)).isEqualTo(records + 5);
            assertThat(meters.get("gateway.crm.batch.latency").timer().count()).isEqualTo(timed + 1);
        });
    }

    @Test
    void aBatchHoldsEachSessionOnceWithItsLatestMessageAndItsSizeCountsSessions() {
        // 7 messages, 5 sessions: had the batch counted messages it would have closed after the
        // fifth message with only 3 sessions (a, b, c)
        send(List.of(
                guest("dedup-a", "a first", T0 + 10),
                guest("dedup-b", "b only", T0 + 10),
                guest("dedup-a", "a latest", T0 + 12),
                guest("dedup-c", "c only", T0 + 10),
                guest("dedup-a", "a written earlier, arrived later", T0 + 11),
                guest("dedup-d", "d only", T0 + 10)));
        // the fifth session closes the batch: send it once the six are in the batch (a message
        // leaves guest.crm, delivered or not, only after its record is stored), or a's last
        // message could come after it on the other consumer and open a batch of its own
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.getActiveMQServer()
                .locateQueue(SimpleString.of("guest.crm")).getMessageCount() == 0);
        send(List.of(guest("dedup-e", "e only", T0 + 10)));

        await().atMost(Duration.ofSeconds(10)).until(() -> batchesOf(sandbox, "dedup").size() == 1);
        List<Map<String, Object>> batch = batchesOf(sandbox, "dedup").get(0);
        assertThat(ids(batch)).containsExactlyInAnyOrder("dedup-a", "dedup-b", "dedup-c", "dedup-d", "dedup-e");
        Map<String, Object> a = batch.stream().filter(r -> r.get("external_id").equals("dedup-a")).findFirst().orElseThrow();
        assertThat(a).containsEntry("last_message", "a latest");
        assertThat(((Number) a.get("queued_at")).doubleValue()).isEqualTo(T0 + 12);
    }

    @Test
    void whenTheCrmIsDownForAWhileEveryRecordArrivesOnceAndNoBatchRepeatsASession() {
        sandbox.setFaults(Target.CRM, FaultSettings.none().withOutage(true));
        List<GuestMessage> messages = sessions("outage", 10);
        send(messages);

        // two failed calls of the first batch: it still has retries left
        await().atMost(Duration.ofSeconds(10)).until(() -> callsOf(sandbox, "outage").size() >= 2);
        sandbox.setFaults(Target.CRM, FaultSettings.none());

        await().atMost(Duration.ofSeconds(15)).until(() -> batchesOf(sandbox, "outage").size() == 2);
        assertThat(callsOf(sandbox, "outage")).filteredOn(c -> c.status() == 503).hasSizeGreaterThanOrEqualTo(2);
        List<List<Map<String, Object>>> batches = batchesOf(sandbox, "outage");
        assertThat(batches).hasSize(2).allSatisfy(b -> assertThat(ids(b)).hasSize(5).doesNotHaveDuplicates());
        assertThat(batches.stream().flatMap(b -> ids(b).stream()))
                .containsExactlyInAnyOrderElementsOf(messages.stream().map(GuestMessage::sessionId).toList());
        assertThat(jms.receive("guest.crm.dlq")).isNull();
    }

    @Test
    void whenRetriesRunOutTheBatchIsDeadLetteredWholeAndTheAdminApiReplaysIt() throws Exception {
        double deadLettered = counter("gateway.crm.batches", "dead-lettered");
        Instant before = Instant.now();
        sandbox.setFaults(Target.CRM, FaultSettings.none().withOutage(true));
        send(sessions("dlq", 5));

        // the admin API lists it with its bookkeeping
        await().atMost(Duration.ofSeconds(15)).until(() -> adminList().path("count").asInt() == 1);
        JsonNode listed = adminList().path("deadLetters").get(0);
        assertThat(listed.path("reason").asText()).isEqualTo("CRM answered HTTP 503");
        assertThat(listed.path("lastStatus").asInt()).isEqualTo(503);
        assertThat(listed.path("attempts").asInt()).isEqualTo(MAX_RETRIES + 1);
        assertThat(listed.path("replayQueue").asText()).isEqualTo("guest.crm.replay");
        assertThat(listed.path("key").asText()).isNotBlank();
        assertThat(Instant.parse(listed.path("firstFailure").asText()))
                .isBetween(before, Instant.parse(listed.path("deadLetteredAt").asText()));

        // the batch whole: exactly the body every failed call carried
        List<RecordedCall> failed = callsOf(sandbox, "dlq");
        assertThat(failed).hasSize(MAX_RETRIES + 1).allMatch(c -> c.status() == 503);
        String posted = failed.get(0).body();
        assertThat(failed).allMatch(c -> c.body().equals(posted));
        assertThat(CrmTestSupport.ids(CrmTestSupport.records(posted)))
                .containsExactlyInAnyOrder("dlq-1", "dlq-2", "dlq-3", "dlq-4", "dlq-5");
        TextMessage parked = jms.browse("guest.crm.dlq", (session, browser) -> (TextMessage) browser.getEnumeration().nextElement());
        assertThat(parked.getText()).isEqualTo(posted);
        assertThat(parked.getIntProperty("GatewayRecords")).isEqualTo(5);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> counter("gateway.crm.batches", "dead-lettered") == deadLettered + 1);

        sandbox.setFaults(Target.CRM, FaultSettings.none());
        HttpResponse<String> replayed = admin("POST", "/admin/dead-letters/crm/" + listed.path("id").asText() + "/replay");
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(CrmTestSupport.JSON.readTree(replayed.body()).path("to").asText()).isEqualTo("guest.crm.replay");

        await().atMost(Duration.ofSeconds(10)).until(() -> batchesOf(sandbox, "dlq").size() == 1);
        assertThat(callsOf(sandbox, "dlq")).last().extracting(RecordedCall::body).isEqualTo(posted);
        assertThat(adminList().path("count").asInt()).isZero();
    }

    @Test
    void retryAfterReplacesTheBackoffButIsCapped() {
        // every 2nd call is a 429 asking for 30 s; crm.max-retry-after is 1 s, the backoff 100 ms
        sandbox.setFaults(Target.CRM, FaultSettings.none().withEvery429(2).withRetryAfterSeconds(30));
        send(sessions("later", 10));

        await().atMost(Duration.ofSeconds(10)).until(() -> batchesOf(sandbox, "later").size() == 2);
        List<RecordedCall> calls = callsOf(sandbox, "later");
        assertThat(calls).extracting(RecordedCall::status).containsExactly(200, 429, 200);
        long waited = calls.get(2).time() - calls.get(1).time();
        assertThat(waited).isBetween(900L, 2_500L);
        assertThat(calls.get(2).body()).isEqualTo(calls.get(1).body());
    }

    @Test
    void aBatchTheCrmRefusesIsDeadLetteredAtOnce() throws Exception {
        // a replayed batch that repeats a session: the CRM answers 400, a retry cannot help
        String twice = "[" + record("refused-1", 1.5) + "," + record("refused-1", 2.5) + "]";
        jms.convertAndSend("guest.crm.replay", twice);
        jms.setReceiveTimeout(10_000);
        Message refused = jms.receive("guest.crm.dlq");
        assertThat(refused).isNotNull();
        assertThat(((TextMessage) refused).getText()).isEqualTo(twice);
        assertThat(refused.getIntProperty("GatewayLastStatus")).isEqualTo(400);
        assertThat(refused.getIntProperty("GatewayAttempts")).isEqualTo(1);
        assertThat(refused.getStringProperty("GatewayDeadLetterReason")).isEqualTo("CRM answered HTTP 400");
        assertThat(callsOf(sandbox, "refused")).extracting(RecordedCall::status).containsExactly(400);

        // not a JSON array at all: dead-lettered without calling the CRM
        jms.convertAndSend("guest.crm.replay", "{\"external_id\":\"x\"}");
        Message invalid = jms.receive("guest.crm.dlq");
        assertThat(invalid).isNotNull();
        assertThat(invalid.getIntProperty("GatewayLastStatus")).isZero();
        assertThat(invalid.getStringProperty("GatewayDeadLetterReason"))
                .isEqualTo("batch is not a non-empty JSON array of records");
        assertThat(sandbox.crmCalls()).noneMatch(c -> c.body().contains("\"x\""));
    }

    @Test
    void anUnreadableGuestMessageIsParkedAndTheStreamGoesOn() throws Exception {
        jms.convertAndSend(AcceptedQueues.sendTo("guest.crm"), "{not json");
        send(sessions("after-poison", 5));

        jms.setReceiveTimeout(10_000);
        Message poison = jms.receive("guest.crm.dlq");
        assertThat(poison).isNotNull();
        assertThat(((TextMessage) poison).getText()).isEqualTo("{not json");
        assertThat(poison.getStringProperty("GatewayDeadLetterReason")).isEqualTo("guest message is not valid JSON");
        assertThat(poison.getStringProperty("GatewayReplayQueue")).isEqualTo("guest.crm");
        await().atMost(Duration.ofSeconds(10)).until(() -> batchesOf(sandbox, "after-poison").size() == 1);
        assertThat(ids(batchesOf(sandbox, "after-poison").get(0))).hasSize(5).allMatch(id -> id.startsWith("after-poison-"));
    }

    @Test
    void aRecordTheDatabaseCannotTakeStaysOnTheQueueUntilItCan() {
        // the open-batch table is away: adding fails, retries run out, the message is not
        // acknowledged, the broker delivers it again; once the table is back it is sent
        JdbcTemplate db = new JdbcTemplate(dataSource);
        String table = crmBatchRepository.getRepositoryName();
        NotifyBuilder failed = new NotifyBuilder(camel).fromRoute("sync-crm-batch").whenFailed(1).create();
        db.execute("ALTER TABLE " + table + " RENAME TO " + table + "_away");
        try {
            send(sessions("stored-late", 5));
            assertThat(failed.matches(10, TimeUnit.SECONDS)).as("a delivery failed").isTrue();
            assertThat(callsOf(sandbox, "stored-late")).isEmpty();
        } finally {
            db.execute("ALTER TABLE " + table + "_away RENAME TO " + table);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> batchesOf(sandbox, "stored-late").size() == 1);
        assertThat(ids(batchesOf(sandbox, "stored-late").get(0))).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void aClosedBatchLeftUnsentIsSentByTheRecoveryTask() {
        // what a crash in the middle of a POST leaves: a closed batch of this gateway's in
        // <table>_completed that no thread of it is sending (moved there as the aggregator moves a
        // batch it closes, with no open row: one would be another replica's, taken over)
        Exchange stored = new DefaultExchange(camel);
        stored.getMessage().setBody(new ArrayList<>(List.of(
                CrmRecords.of(guest("orphan-1", "hello from orphan-1", T0)),
                CrmRecords.of(guest("orphan-2", "hello from orphan-2", T0)))));
        stored.setProperty("CamelOptimisticLockVersion", 1L);
        stored.setProperty(Exchange.AGGREGATED_CORRELATION_KEY, "orphan");
        stored.setProperty(Exchange.AGGREGATED_COMPLETED_BY, "predicate");
        crmBatchRepository.remove(camel, "orphan", stored);
        assertThat(closedBatches()).contains(stored.getExchangeId());

        await().atMost(Duration.ofSeconds(10)).until(() -> batchesOf(sandbox, "orphan").size() == 1);
        assertThat(ids(batchesOf(sandbox, "orphan").get(0))).containsExactlyInAnyOrder("orphan-1", "orphan-2");
        await().atMost(Duration.ofSeconds(5)).until(() -> closedBatches().isEmpty());
    }

    /** The ids in the closed-batch table, read directly (the repository's scan shows only settled ones). */
    private List<String> closedBatches() {
        return new JdbcTemplate(dataSource).queryForList(
                "SELECT id FROM " + crmBatchRepository.getRepositoryNameCompleted(), String.class);
    }

    private JsonNode adminList() throws Exception {
        return CrmTestSupport.JSON.readTree(admin("GET", "/admin/dead-letters/crm").body());
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + credentials)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void send(List<GuestMessage> messages) {
        new DurableHandOff(connectionFactory, objectMapper).sendAll(messages, "guest.crm");
    }

    private double counter(String name, String outcome) {
        var search = meters.find(name);
        if (outcome != null) {
            search = search.tag("outcome", outcome);
        }
        var counter = search.counter();
        return counter == null ? 0 : counter.count();
    }

    static String record(String session, double queuedAt) {
        return "{\"external_id\":\"" + session + "\",\"fingerprint\":\"fp-" + session + "\",\"last_message\":\"hello from "
                + session + "\",\"queued_at\":" + java.math.BigDecimal.valueOf(queuedAt).toPlainString() + "}";
    }
}
