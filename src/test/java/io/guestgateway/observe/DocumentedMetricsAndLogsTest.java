package io.guestgateway.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.cxone.ws.GuestClient;
import io.guestgateway.routing.RoutingMetrics;
import io.guestgateway.support.GatewayRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * One gateway with JSON logs switched on (logging.structured.format.console=ecs) and frames of every
 * kind pushed through the sandbox: every series docs/metrics.md documents is in the Prometheus
 * scrape with its documented label values, and the log lines about a conversation carry its id as
 * the JSON field conversationId.
 */
@ExtendWith(OutputCaptureExtension.class)
class DocumentedMetricsAndLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONVERSATION = Pattern.compile("c-obs-[a-z0-9-]+");

    @TempDir
    static Path dataDir;

    private static GatewayRun gateway;
    private static Actuator http;

    @BeforeAll
    static void start() throws IOException {
        // src/test/resources/logback-test.xml pins the text format for the other tests; this is what
        // Spring Boot builds by itself (its documented equivalent) when no logback file is present
        Path logback = dataDir.resolve("logback-structured.xml");
        Files.writeString(logback, """
                <configuration>
                  <include resource="org/springframework/boot/logging/logback/defaults.xml"/>
                  <include resource="org/springframework/boot/logging/logback/structured-console-appender.xml"/>
                  <root level="WARN"><appender-ref ref="CONSOLE"/></root>
                </configuration>
                """);
        gateway = GatewayRun.start(dataDir.resolve("data"), "file:routes/*.yaml", Map.of(
                "logging.config", logback.toUri().toString(),
                "logging.structured.format.console", "ecs",
                "logging.level.io.guestgateway", "INFO",
                "logging.level.io.guestgateway.routing.RoutingSla", "DEBUG",   // a line per routed conversation
                "logging.level.io.guestgateway.crm.batches", "DEBUG",          // a line per CRM batch
                "gateway.flood.max-messages", "2",
                "crm.flush-interval", "1s")).awaitSubscribed();
        http = new Actuator(gateway);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        // back to logback-test.xml for whatever runs next in this JVM
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.reset();
        new ContextInitializer(logging).autoConfig();
    }

    @Test
    void everyDocumentedSeriesAndLabelValueIsScrapedAndTheLogLinesNameTheirConversation(CapturedOutput output) {
        try (GuestClient guest = gateway.guest()) {
            guest.send(frame("c-obs-1", "fp-obs-1", "inbound", "billing"));
            guest.send(frame("c-obs-2", "fp-obs-2", "inbound", "billing"));
            for (int i = 0; i < 3; i++) {                       // the third is over the limit of 2
                guest.send(frame("c-obs-3", "fp-obs-flood", "inbound", "sales"));
            }
            guest.send(frame("c-obs-dlq", "fp-obs-4", "inbound", "no-such-queue"));  // CXone: 400
            guest.send(frame("c-obs-1", "fp-obs-1", "outbound", "billing"));
            guest.send(frame("c-obs-1", "fp-obs-1", "system", "billing"));   // the hub drops typing frames
            guest.send("not json at all");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(List.of(
                frames("accepted"), frames("blocked"), frames("skipped"), frames("rejected"),
                gateway.counter(RoutingMetrics.OUTCOMES, "outcome", "routed"),
                gateway.counter(RoutingMetrics.OUTCOMES, "outcome", "dead-lettered"),
                Math.min(1.0, gateway.counter("gateway.crm.batches", "outcome", "sent"))))
                .as("frames accepted, blocked, skipped, rejected; routed, dead-lettered; a CRM batch sent")
                .containsExactly(5.0, 1.0, 2.0, 1.0, 3.0, 1.0, 1.0));
        // queue depths are sampled every 2 s: wait for a sample after the rejected frame and the dead letter
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String scrape = scrape();
            return scrape.contains("gateway_queue_depth{queue=\"guest.rejected\"} 1.0")
                    && scrape.contains("gateway_queue_depth{queue=\"guest.routing.dlq\"} 1.0");
        });

        String scrape = scrape();
        MetricsDoc doc = MetricsDoc.read();
        assertThat(doc.rows()).hasSizeGreaterThanOrEqualTo(14);
        for (MetricsDoc.Row row : doc.rows()) {
            for (String name : row.names()) {
                assertThat(MetricsDoc.isName(name)).as(name).isTrue();
                assertThat(scrape).as("documented series %s", name).containsPattern("(?m)^" + name + "[{ ]");
            }
            List<String> lines = scrape.lines().filter(l -> row.names().stream().anyMatch(n -> l.startsWith(n + "{"))).toList();
            for (String label : row.labels()) {
                String expected = label.contains("=") ? label : label + "=";
                assertThat(lines).as("%s with label %s", row.names().get(0), label).anyMatch(l -> l.contains(expected));
            }
        }
        assertThat(scrape).contains("resilience4j_circuitbreaker_state{name=\"routing-circuit-breaker\",state=\"closed\"} 1.0")
                .containsPattern("resilience4j_circuitbreaker_calls_seconds_count\\{kind=\"successful\",name=\"routing-circuit-breaker\"} [1-9]")
                .containsPattern("gateway_ingest_frames_total\\{[^}]*outcome=\"blocked\"} 1.0")
                .containsPattern("gateway_ingest_frames_total\\{[^}]*outcome=\"skipped\"} 2.0")
                .containsPattern("gateway_ingest_skipped_total\\{[^}]*kind=\"message-other\"} 1.0");

        List<JsonNode> lines = jsonLines(output.getOut());
        assertThat(line(lines, "Routed conversation c-obs-1 ").get("conversationId").asText()).isEqualTo("c-obs-1");
        assertThat(line(lines, "Conversation c-obs-dlq dead-lettered").get("conversationId").asText()).isEqualTo("c-obs-dlq");
        assertThat(line(lines, "flood guard: fingerprint").get("conversationId").asText()).isEqualTo("c-obs-3");
        assertThat(line(lines, "CRM batch sent").has("conversationId")).as("a batch is about many conversations").isFalse();
        // no line names one conversation and carries another's id
        for (JsonNode line : lines) {
            Matcher mentioned = CONVERSATION.matcher(line.path("message").asText());
            if (mentioned.find() && line.has("conversationId")) {
                assertThat(line.get("conversationId").asText()).as(line.toString()).isEqualTo(mentioned.group());
            }
        }
    }

    @Test
    void aQueueDepthSampleCostsMicrosecondsNotAScrape() {
        QueueDepths.MessageCount broker = ObserveConfiguration.messageCount(gateway.context().getBean(EmbeddedActiveMQ.class));
        assertThat(broker.applyAsLong("guest.routing")).isNotNegative();
        assertThat(broker.applyAsLong("no.such.queue")).isEqualTo(-1);
        QueueDepths unsampled = new QueueDepths(broker, Duration.ZERO);   // reads the broker on every call
        for (int i = 0; i < 2_000; i++) {
            unsampled.depth(0);
        }
        int samples = 2_000;
        long start = System.nanoTime();
        for (int i = 0; i < samples; i++) {
            unsampled.depth(i % QueueDepths.QUEUES.size());
        }
        double micros = (System.nanoTime() - start) / 1e3 / samples;
        System.out.printf("queue depth: %.2f us per sample of %d queues%n", micros, QueueDepths.QUEUES.size());
        assertThat(micros).as("one sample of every queue, in microseconds").isLessThan(1_000);
    }

    private static double frames(String outcome) {
        return gateway.counter("gateway.ingest.frames", "outcome", outcome);
    }

    private static String scrape() {
        Actuator.Answer answer = http.get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    /** Every line of the console that is JSON, parsed; a line that starts like JSON must be JSON. */
    private static List<JsonNode> jsonLines(String out) {
        List<JsonNode> lines = out.lines().filter(l -> l.startsWith("{")).map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + l, e);
            }
        }).toList();
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l.has("@timestamp") && l.has("message")).isTrue());
        return lines;
    }

    private static JsonNode line(List<JsonNode> lines, String messageStart) {
        return lines.stream().filter(l -> l.path("message").asText().contains(messageStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON log line with '" + messageStart + "'"));
    }

    private static String frame(String conversationId, String fingerprint, String direction, String queue) {
        return "{\"type\":\"message\",\"direction\":\"" + direction + "\",\"conversationId\":\"" + conversationId
                + "\",\"text\":\"hello\",\"timestamp\":1764412345.127,\"metadata\":{\"browserFingerprint\":\""
                + fingerprint + "\",\"routing\":{\"queueId\":\"" + queue + "\"}}}";
    }
}
