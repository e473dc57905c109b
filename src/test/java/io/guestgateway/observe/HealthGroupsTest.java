package io.guestgateway.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.guestgateway.cxone.ws.GuestClient;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.Target;
import io.guestgateway.support.GatewayRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The liveness and readiness groups of a whole gateway (every route file, the sandbox as CXone),
 * as a Kubernetes probe sees them, while the parts readiness watches fail and recover. Each test
 * leaves the gateway healthy again.
 */
class HealthGroupsTest {

    private static final String READINESS = "/actuator/health/readiness";
    private static final String LIVENESS = "/actuator/health/liveness";
    /** camel-resilience4j-micrometer's state gauge of the Task Routing breaker, up to its state label. */
    private static final String BREAKER_STATE = "resilience4j_circuitbreaker_state{name=\"routing-circuit-breaker\",";

    @TempDir
    static Path dataDir;

    private static GatewayRun gateway;
    private static Actuator http;
    private static CxoneSandbox sandbox;

    @BeforeAll
    static void start() {
        gateway = GatewayRun.start(dataDir, "file:routes/*.yaml", Map.of(
                "routing.circuit-breaker.sliding-window-size", "2",
                "routing.circuit-breaker.minimum-number-of-calls", "2",
                "routing.circuit-breaker.wait-in-open", "1s",
                "routing.circuit-breaker.max-wait-in-open", "1s",
                "routing.initial-delay", "100ms",
                "routing.max-delay", "200ms",
                "gateway.leader.check-interval", "1s")).awaitSubscribed();
        http = new Actuator(gateway);
        sandbox = gateway.sandbox();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void healthyAgain() {
        for (Target target : Target.values()) {
            sandbox.setFaults(target, FaultSettings.none());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get(READINESS).status() == 200);
    }

    @Test
    void readinessWatchesWebSocketBrokerDatabaseAndBreakerAndLivenessOnlyTheJvm() {
        Actuator.Answer ready = http.get(READINESS);
        assertThat(ready.status()).isEqualTo(200);
        JsonNode components = ready.json().get("components");
        assertThat(names(components)).containsExactlyInAnyOrder("readinessState", "cxoneWebSocket", "jms", "db", "routingCircuit");
        components.forEach(c -> assertThat(c.get("status").asText()).isEqualTo("UP"));
        assertThat(ready.body()).as("details are for the admin").doesNotContain("details");

        JsonNode details = http.getAsAdmin(READINESS).json().get("components");
        assertThat(details.at("/routingCircuit/details/state").asText()).isEqualTo("CLOSED");
        assertThat(details.at("/cxoneWebSocket/details/state").asText()).isEqualTo("authenticated");
        assertThat(details.at("/jms/details/provider").asText()).isEqualTo("ActiveMQ");

        Actuator.Answer live = http.get(LIVENESS);
        assertThat(live.status()).isEqualTo(200);
        assertThat(names(live.json().get("components"))).containsExactly("livenessState");
    }

    @Test
    void anOpenBreakerTakesTheReplicaOutOfServiceUntilCxoneAnswersAgain() {
        sandbox.setFaults(Target.ROUTING, FaultSettings.none().withOutage(true));
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> "c-health-breaker-" + i).toList();
        try (GuestClient guest = gateway.guest()) {
            ids.forEach(id -> guest.send(frame(id)));
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> http.get(READINESS).status() == 503);
        JsonNode notReady = http.get(READINESS).json();
        assertThat(notReady.get("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(notReady.at("/components/routingCircuit/status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(notReady.at("/components/cxoneWebSocket/status").asText()).isEqualTo("UP");
        assertThat(http.get(LIVENESS).status()).as("a CXone outage is no reason to restart").isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").body()).contains(BREAKER_STATE + "state=\"open\"} 1.0")
                .contains(BREAKER_STATE + "state=\"closed\"} 0.0");

        sandbox.setFaults(Target.ROUTING, FaultSettings.none());
        // the breaker half-opens after 1 s, a held conversation is the probe call, the breaker closes
        await().atMost(Duration.ofSeconds(15)).until(() -> http.get(READINESS).status() == 200);
        await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.state().routedConversations() >= ids.size());
        assertThat(http.getAsAdmin(READINESS).json().at("/components/routingCircuit/details/state").asText())
                .isEqualTo("CLOSED");
        assertThat(http.get("/actuator/prometheus").body()).contains(BREAKER_STATE + "state=\"closed\"} 1.0")
                .contains(BREAKER_STATE + "state=\"open\"} 0.0");
    }

    @Test
    void theLeaderIsNotReadyWhileItsWebSocketIsDown() {
        // the next connect needs a new token, and the token endpoint is down
        sandbox.setFaults(Target.TOKEN, FaultSettings.none().withOutage(true));
        sandbox.expireAllTokens();
        sandbox.closeAllWebSockets(1001);

        await().atMost(Duration.ofSeconds(10)).until(() -> http.get(READINESS).status() == 503);
        JsonNode notReady = http.get(READINESS).json();
        assertThat(notReady.get("status").asText()).isEqualTo("DOWN");
        assertThat(notReady.at("/components/cxoneWebSocket/status").asText()).isEqualTo("DOWN");
        assertThat(notReady.at("/components/routingCircuit/status").asText()).isEqualTo("UP");
        assertThat(http.get(LIVENESS).status()).isEqualTo(200);

        sandbox.setFaults(Target.TOKEN, FaultSettings.none());
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get(READINESS).status() == 200);
        assertThat(http.get(READINESS).json().at("/components/cxoneWebSocket/status").asText()).isEqualTo("UP");
    }

    @Test
    void aReplicaWithoutTheWebSocketStaysReadyBecauseItConsumesTheQueues() throws Exception {
        CamelContext camel = gateway.context().getBean(CamelContext.class);
        // what a standby replica looks like: the master: route runs no subscription here
        camel.getRouteController().stopRoute("ingest-guest-frames");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    "UNKNOWN".equals(http.get(READINESS).json().at("/components/cxoneWebSocket/status").asText()));
            Actuator.Answer ready = http.get(READINESS);
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        } finally {
            camel.getRouteController().startRoute("ingest-guest-frames");
        }
        gateway.awaitSubscribed();
    }

    private static List<String> names(JsonNode object) {
        return iterable(object.fieldNames());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        java.util.List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static String frame(String conversationId) {
        return "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"" + conversationId
                + "\",\"text\":\"hello\",\"timestamp\":1764412345.127,"
                + "\"metadata\":{\"browserFingerprint\":\"fp-" + conversationId + "\",\"routing\":{\"queueId\":\"billing\"}}}";
    }
}
