package io.guestgateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.deadletter.DeadLetter;
import io.guestgateway.deadletter.DeadLetterStore;
import io.guestgateway.guest.GuestMessage;
import io.guestgateway.platform.AcceptedQueues;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.RecordedCall;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;

/**
 * What the routing integration tests share: the settings that make a gateway run only the routing
 * stage against a given sandbox with short waits, and a way to put ingest's messages on the queue.
 */
final class RoutingTestSupport {

    static final String ADMIN_PASSWORD = "routing-test-admin";
    static final ObjectMapper JSON = new ObjectMapper();

    private RoutingTestSupport() {}

    /** Properties for a gateway that routes against {@code sandbox}, keeping its state in {@code dataDir}. */
    /**
     * {@link #properties} with application.yaml's circuit breaker and the retries the flaky-API bound
     * is stated for: 4 retries from 500 ms, doubling, capped at 4 s.
     */
    static Map<String, Object> flakyApiProperties(CxoneSandbox sandbox, Path dataDir) {
        Map<String, Object> p = properties(sandbox, dataDir);
        p.keySet().removeIf(key -> key.startsWith("routing.circuit-breaker."));
        p.put("routing.max-retries", "4");
        p.put("routing.initial-delay", "500ms");
        p.put("routing.max-delay", "4s");
        return p;
    }

    static Map<String, Object> properties(CxoneSandbox sandbox, Path dataDir) {
        Map<String, Object> p = new LinkedHashMap<>();
        // the sandbox runs outside the Spring context so that it outlives a gateway restart
        p.put("cxone.sandbox.enabled", "false");
        p.put("cxone.api-base", sandbox.apiBase());
        p.put("cxone.ws-url", sandbox.wsUrl());
        p.put("cxone.client-id", sandbox.settings().clientId());
        p.put("cxone.client-secret", sandbox.settings().clientSecret());
        p.put("crm.url", sandbox.crmUrl());
        p.put("gateway.admin.password", ADMIN_PASSWORD);
        p.put("gateway.data-dir", dataDir.toString());
        p.put("server.port", "0");
        p.put("camel.main.routes-include-pattern", "file:routes/route-conversation.yaml,file:routes/routing-errors.yaml");
        p.put("routing.consumers", "4");
        p.put("routing.initial-delay", "200ms");
        p.put("routing.max-delay", "1s");
        p.put("routing.max-retries", "2");
        p.put("routing.connect-timeout-millis", "2000");
        p.put("routing.response-timeout-millis", "2000");
        // five failures in a row open the breaker; the few single failures other tests cause never do
        p.put("routing.circuit-breaker.sliding-window-size", "5");
        p.put("routing.circuit-breaker.minimum-number-of-calls", "5");
        p.put("routing.circuit-breaker.failure-rate-threshold", "100");
        p.put("routing.circuit-breaker.wait-in-open", "2s");
        p.put("routing.circuit-breaker.max-wait-in-open", "2s"); // a probe every 2 s, no backoff
        return p;
    }

    static GuestMessage guest(String conversationId, String queueId, String text) {
        return new GuestMessage(conversationId, "fp-3b9d2c71a0", text, queueId, 1764412345.127, null,
                System.currentTimeMillis());
    }

    /** What ingest puts on guest.routing: the JSON of the message, grouped by conversation. */
    static void send(ProducerTemplate producer, GuestMessage message) {
        try {
            producer.sendBodyAndHeader("jms:topic:" + AcceptedQueues.fullyQualified("guest.routing"), JSON.writeValueAsString(message),
                    "JMSXGroupID", message.sessionId());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As ingest numbers it: the {@code sequence}-th message of its conversation (JMSXGroupSeq). */
    static void send(ProducerTemplate producer, GuestMessage message, int sequence) {
        try {
            producer.sendBodyAndHeaders("jms:topic:" + AcceptedQueues.fullyQualified("guest.routing"), JSON.writeValueAsString(message),
                    Map.of("JMSXGroupID", message.sessionId(), "JMSXGroupSeq", sequence));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The guest's text a routing call carried. */
    static String messageOf(RecordedCall call) {
        try {
            return JSON.readTree(call.body()).path("media").path("webchat").path("message").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The routing calls the sandbox answered for one conversation, oldest first. */
    static List<RecordedCall> callsFor(CxoneSandbox sandbox, String conversationId) {
        return sandbox.routingCalls().stream()
                .filter(call -> conversationId.equals(call.header("Idempotency-Key")))
                .toList();
    }

    /** The dead letters in guest.routing.dlq of the given conversations, oldest first. */
    static List<DeadLetter> deadLettersOf(DeadLetterStore store, Collection<String> conversationIds) {
        try {
            return store.list("guest.routing.dlq", 1000).deadLetters().stream()
                    .filter(letter -> conversationIds.contains(letter.key())).toList();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh temporary folder for a gateway's data, created when a test class is loaded. */
    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A data folder for a Spring test context, deleted when the JVM exits: the context (and its
     * broker, whose disk monitor shuts the broker down when the folder vanishes) closes after
     * {@code @AfterAll} has run.
     */
    static Path tempDirDeletedAtExit(String prefix) {
        Path dir = tempDir(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "delete-" + prefix));
        return dir;
    }

    static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is not worth failing a test for
        }
    }
}
