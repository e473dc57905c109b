package io.guestgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.cxone.ws.GuestClient;
import io.guestgateway.platform.AcceptedQueues;
import io.guestgateway.support.GatewayRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jms.core.JmsTemplate;

/**
 * routes/ingest.yaml end to end: frames sent by a guest through the sandbox hub reach the
 * gateway's WebSocket subscription and end in exactly one outcome each.
 */
class IngestPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static GatewayRun gateway;
    static GuestClient guest;

    @BeforeAll
    static void start() {
        gateway = GatewayRun.start(dataDir, "file:routes/ingest.yaml",
                Map.of("gateway.flood.max-messages", "3", "gateway.flood.window", "60s")).awaitSubscribed();
        guest = gateway.guest();
    }

    @AfterAll
    static void stop() {
        if (guest != null) {
            guest.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    /**
     * The route's message filter: only type "message" with direction "inbound" (exact strings) goes
     * on; every other frame is skipped and counted under a kind from a fixed set.
     */
    @Test
    void theMessageFilterSkipsEveryOtherFrameUnderABoundedKind() {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("{\"type\":\"message\",\"direction\":\"outbound\"}", "message-outbound");
        kinds.put("{\"type\":\"message\"}", "message-other");
        kinds.put("{\"type\":\"message\",\"direction\":\"sideways\"}", "message-other");
        kinds.put("{\"type\":\"message\",\"direction\":\"Inbound\"}", "message-other");
        kinds.put("{\"type\":\"message\",\"direction\":\" inbound\"}", "message-other");
        kinds.put("{\"type\":\"message\",\"direction\":7}", "message-other");
        kinds.put("{\"type\":\"message\",\"direction\":[\"inbound\"]}", "message-other");
        kinds.put("{\"type\":\"message\",\"direction\":{\"v\":\"inbound\"}}", "message-other");
        kinds.put("{\"type\":\"typing\",\"direction\":\"inbound\"}", "typing");
        kinds.put("{\"type\":\"ack\",\"id\":\"m-1\"}", "ack");
        kinds.put("{\"type\":\"auth\",\"status\":\"ok\"}", "auth");
        kinds.put("{\"type\":\"system\",\"text\":\"agent joined\"}", "system");
        kinds.put("{\"type\":\"notice\"}", "notice");
        kinds.put("{\"type\":\"Message\",\"direction\":\"inbound\"}", "other");
        kinds.put("{\"type\":\"message \",\"direction\":\"inbound\"}", "other");
        kinds.put("{\"type\":[\"message\"],\"direction\":\"inbound\"}", "other");
        kinds.put("{\"type\":null,\"direction\":\"inbound\"}", "other");
        kinds.put("{\"type\":42}", "other");
        kinds.put("{\"direction\":\"inbound\"}", "other");
        kinds.put("{}", "other");
        ProducerTemplate screen = gateway.context().getBean(CamelContext.class).createProducerTemplate();
        try {
            kinds.forEach((frame, kind) -> {
                double skipped = gateway.counter("gateway.ingest.frames", "outcome", "skipped");
                double ofKind = gateway.counter("gateway.ingest.skipped", "kind", kind);
                screen.sendBody("direct:screen-guest-frame", frame); // synchronous: counted on return
                assertThat(gateway.counter("gateway.ingest.frames", "outcome", "skipped") - skipped).as(frame).isEqualTo(1);
                assertThat(gateway.counter("gateway.ingest.skipped", "kind", kind) - ofKind).as(frame).isEqualTo(1);
            });
            for (int i = 0; i < 300; i++) { // strangers' strings never become tag values
                screen.sendBody("direct:screen-guest-frame", "{\"type\":\"t" + i + "\",\"direction\":\"d" + i + "\"}");
                screen.sendBody("direct:screen-guest-frame", "{\"type\":\"message\",\"direction\":\"d" + i + "\"}");
            }
        } finally {
            screen.stop();
        }
        Set<String> tagged = new TreeSet<>();
        gateway.meters().find("gateway.ingest.skipped").counters().forEach(c -> tagged.add(c.getId().getTag("kind")));
        assertThat(Set.of("message-inbound", "message-outbound", "message-other", "typing", "ack", "auth", "system",
                "notice", "other")).containsAll(tagged);
    }

    @Test
    void everyFrameEndsInExactlyOneCountedOutcome() throws Exception {
        double accepted0 = gateway.counter("gateway.ingest.frames", "outcome", "accepted");
        double skipped0 = gateway.counter("gateway.ingest.frames", "outcome", "skipped");
        double rejected0 = gateway.counter("gateway.ingest.frames", "outcome", "rejected");
        double blocked0 = gateway.counter("gateway.ingest.frames", "outcome", "blocked");
        int routing0 = gateway.browse("guest.routing").size();
        int rejectedStored0 = gateway.browse("guest.rejected").size();

        for (int i = 0; i < 5; i++) {           // 5 accepted, each its own fingerprint
            guest.send(frame("c-ok-" + i, "fp-ok-" + i, "hello " + i, "billing"));
        }
        for (int i = 0; i < 6; i++) {           // one bot: 3 accepted, 3 blocked
            guest.send(frame("c-bot-" + i, "fp-bot", "buy now", "sales"));
        }
        guest.send("{\"type\":\"message\",\"direction\":\"outbound\",\"conversationId\":\"c-ok-1\",\"text\":\"agent\"}");
        guest.send("{\"type\":\"message\",\"direction\":\"system\",\"conversationId\":\"c-ok-1\"}"); // the hub relays only type=message
        guest.send("{\"type\":\"message\",\"direction\":\"inbound\",\"text\":\"no conversation id\"}");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(gateway.counter("gateway.ingest.frames", "outcome", "accepted") - accepted0).isEqualTo(8);
            assertThat(gateway.counter("gateway.ingest.frames", "outcome", "blocked") - blocked0).isEqualTo(3);
            assertThat(gateway.counter("gateway.ingest.frames", "outcome", "skipped") - skipped0).isEqualTo(2);
            assertThat(gateway.counter("gateway.ingest.frames", "outcome", "rejected") - rejected0).isEqualTo(1);
            assertThat(gateway.browse("guest.routing")).hasSize(routing0 + 8);
            assertThat(gateway.browse("guest.rejected")).hasSize(rejectedStored0 + 1);
        });
        assertThat(gateway.browse("guest.crm")).hasSameSizeAs(gateway.browse("guest.routing"));
        assertThat(gateway.counter("gateway.ingest.skipped", "kind", "message-outbound")).isGreaterThanOrEqualTo(1);
        // what a scraper sees: Prometheus drops meters whose tag keys differ under one name
        String scrape = gateway.context().getBean(io.micrometer.prometheusmetrics.PrometheusMeterRegistry.class).scrape();
        for (String outcome : new String[] {"accepted", "skipped", "rejected", "blocked"}) {
            assertThat(scrape).containsPattern("gateway_ingest_frames_total\\{[^}]*outcome=\"" + outcome + "\"");
        }
        assertThat(scrape).containsPattern("gateway_ingest_skipped_total\\{[^}]*kind=\"message-outbound\"");

        JsonNode first = JSON.readTree(gateway.browse("guest.routing").stream()
                .filter(b -> b.contains("\"c-ok-0\"")).findFirst().orElseThrow());
        assertThat(first.get("sessionId").asText()).isEqualTo("c-ok-0");
        assertThat(first.get("fingerprint").asText()).isEqualTo("fp-ok-0");
        assertThat(first.get("text").asText()).isEqualTo("hello 0");
        assertThat(first.get("queueId").asText()).isEqualTo("billing");
        assertThat(first.get("timestamp").asDouble()).isEqualTo(1764412345.127);
        assertThat(first.get("receivedAt").asLong()).isPositive();
    }

    /** Ingest numbers each conversation's messages in their order (routing tells the first from later ones). */
    @Test
    void eachConversationsMessagesAreNumberedInOrderOnBothQueues() {
        for (int i = 1; i <= 3; i++) {
            guest.send(frame("c-numbered-a", "fp-numbered-" + i, "a " + i, "billing"));
            guest.send(frame("c-numbered-b", "fp-numbered-b" + i, "b " + i, "billing"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> numbers("guest.crm", "c-numbered-b").size() == 3);
        for (String queue : List.of("guest.routing", "guest.crm")) {
            assertThat(numbers(queue, "c-numbered-a")).as(queue).containsExactly("a 1=1", "a 2=2", "a 3=3");
            assertThat(numbers(queue, "c-numbered-b")).as(queue).containsExactly("b 1=1", "b 2=2", "b 3=3");
        }
    }

    /** "text=JMSXGroupSeq" of one conversation's messages waiting in a queue, in queue order. */
    private List<String> numbers(String queue, String conversationId) {
        JmsTemplate jms = new JmsTemplate(gateway.context().getBean(ConnectionFactory.class));
        return jms.browse(AcceptedQueues.fullyQualified(queue), (session, browser) -> {
            List<String> found = new ArrayList<>();
            for (var e = browser.getEnumeration(); e.hasMoreElements(); ) {
                TextMessage message = (TextMessage) e.nextElement();
                JsonNode body;
                try {
                    body = JSON.readTree(message.getText());
                } catch (java.io.IOException ex) {
                    throw new IllegalStateException(ex);
                }
                if (conversationId.equals(body.path("sessionId").asText())) {
                    found.add(body.path("text").asText() + "=" + message.getIntProperty("JMSXGroupSeq"));
                }
            }
            return found;
        });
    }

    @Test
    void hostileFramesAreKeptWithTheirReasonAndTheStreamGoesOn() throws Exception {
        List<String> corpus = new ArrayList<>(List.of(
                "not json at all",
                "[1,2,3]",
                "\"a string\"",
                "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":42}",
                "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-\\u001b[31mred\"}",
                "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-ts\",\"timestamp\":\"yesterday\"}",
                "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-fp\",\"metadata\":{\"browserFingerprint\":\"fp\\u0000x\"}}",
                "[".repeat(10_000),
                "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"" + "x".repeat(200) + "\"}"));
        int stored0 = gateway.browse("guest.rejected").size();
        for (String frame : corpus) {
            guest.send(frame);
        }
        guest.send(frame("c-after-corpus", "fp-after", "still here", "sales"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(gateway.browse("guest.rejected")).hasSize(stored0 + corpus.size());
            assertThat(gateway.browse("guest.routing")).anyMatch(b -> b.contains("c-after-corpus"));
        });
        List<String> stored = gateway.browse("guest.rejected").subList(stored0, stored0 + corpus.size());
        for (String record : stored) {
            JsonNode node = JSON.readTree(record);
            assertThat(node.get("reason").asText()).isNotBlank();
            assertThat(node.get("sizeBytes").asLong()).isPositive();
            assertThat(node.get("excerpt").asText()).hasSizeLessThanOrEqualTo(200)
                    .doesNotContain("\u001b").doesNotContain("\u0000");
        }
        assertThat(stored).anyMatch(r -> r.contains("\"reason\":\"not-json\""));
    }

    static String frame(String conversationId, String fingerprint, String text, String queue) {
        return "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"" + conversationId
                + "\",\"text\":\"" + text + "\",\"timestamp\":1764412345.127,\"metadata\":{\"browserFingerprint\":\""
                + fingerprint + "\",\"routing\":{\"queueId\":\"" + queue + "\"}}}";
    }
}
