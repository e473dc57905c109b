package io.guestgateway.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.guestgateway.cxone.ws.GuestClient;
import io.guestgateway.platform.LeaderConfiguration;
import io.guestgateway.platform.PromptMasterConsumer;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.Target;
import io.guestgateway.support.GatewayRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.master.MasterComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The liveness and readiness groups and the overall health of a whole gateway (every route file,
 * the sandbox as CXone), as a Kubernetes probe, a curl and a scraper see them, while CXone fails and
 * recovers and while the pod is a standby. Readiness is the pod's own parts only: CXone trouble
 * shows in the overall health (OUT_OF_SERVICE, still 200) and in gateway_websocket_authenticated. Each
 * test leaves the gateway healthy and subscribed again.
 */
class HealthGroupsTest {

    private static final String READINESS = "/actuator/health/readiness";
    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String HEALTH = "/actuator/health";
    /** While CXone fails or the pod is a standby, readiness is asserted to answer 200 for this long. */
    private static final Duration STAYS_READY = Duration.ofSeconds(3);
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
                "gateway.leader.check-interval", "1s",
                // camel-master's option, which the gateway's master: component keeps
                "camel.component.master.back-off-delay", "1234")).awaitSubscribed();
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
        gateway.awaitSubscribed();
        await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(http.get(HEALTH).json().get("status").asText()));
    }

    @Test
    void readinessIsThePodsOwnPartsLivenessOnlyTheJvmAndTheOverallHealthShowsCxone() {
        Actuator.Answer ready = http.get(READINESS);
        assertThat(ready.status()).isEqualTo(200);
        JsonNode components = ready.json().get("components");
        assertThat(names(components)).containsExactlyInAnyOrder("readinessState", "jms", "db");
        components.forEach(c -> assertThat(c.get("status").asText()).isEqualTo("UP"));
        assertThat(ready.body()).as("details are for the admin").doesNotContain("details");
        assertThat(http.getAsAdmin(READINESS).json().at("/components/jms/details/provider").asText()).isEqualTo("ActiveMQ");

        Actuator.Answer live = http.get(LIVENESS);
        assertThat(live.status()).isEqualTo(200);
        assertThat(names(live.json().get("components"))).containsExactly("livenessState");

        Actuator.Answer health = http.get(HEALTH);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(names(health.json().get("components"))).contains("cxoneWebSocket", "routingCircuit", "jms", "db");
        JsonNode details = http.getAsAdmin(HEALTH).json().get("components");
        assertThat(details.at("/cxoneWebSocket/details/role").asText()).isEqualTo("leader");
        assertThat(details.at("/cxoneWebSocket/details/state").asText()).isEqualTo("authenticated");
        assertThat(details.at("/routingCircuit/details/state").asText()).isEqualTo("CLOSED");
        assertThat(subscribed()).as("gateway_websocket_authenticated on the leader once authenticated").isEqualTo(1.0);
    }

    @Test
    void anOpenBreakerLeavesThePodReadyAndShowsInTheOverallHealthUntilCxoneAnswersAgain() {
        sandbox.setFaults(Target.ROUTING, FaultSettings.none().withOutage(true));
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> "c-health-breaker-" + i).toList();
        try (GuestClient guest = gateway.guest()) {
            ids.forEach(id -> guest.send(frame(id)));
        }

        await().atMost(Duration.ofSeconds(15)).until(() ->
                "OUT_OF_SERVICE".equals(http.get(HEALTH).json().at("/components/routingCircuit/status").asText()));
        assertThat(http.get("/actuator/prometheus").body()).contains(BREAKER_STATE + "state=\"open\"} 1.0")
                .contains(BREAKER_STATE + "state=\"closed\"} 0.0");
        // the outage goes on: the breaker stays open, half-opens for a probe call, opens again
        assertStaysReady();
        assertThat(http.get(READINESS).json().get("status").asText()).isEqualTo("UP");
        assertThat(http.get(LIVENESS).status()).as("a CXone outage is no reason to restart").isEqualTo(200);
        Actuator.Answer health = await().atMost(Duration.ofSeconds(10)).until(() -> http.get(HEALTH),
                a -> "OUT_OF_SERVICE".equals(a.json().at("/components/routingCircuit/status").asText()));
        assertThat(health.status()).as("the overall health answers 200 for what waits on CXone").isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(health.json().at("/components/cxoneWebSocket/status").asText()).isEqualTo("UP");
        assertThat(subscribed()).isEqualTo(1.0);

        sandbox.setFaults(Target.ROUTING, FaultSettings.none());
        // the breaker half-opens after 1 s, a held conversation is the probe call, the breaker closes
        await().atMost(Duration.ofSeconds(15)).until(() ->
                "UP".equals(http.get(HEALTH).json().at("/components/routingCircuit/status").asText()));
        await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.state().routedConversations() >= ids.size());
        assertThat(http.getAsAdmin(HEALTH).json().at("/components/routingCircuit/details/state").asText())
                .isEqualTo("CLOSED");
        assertThat(http.get("/actuator/prometheus").body()).contains(BREAKER_STATE + "state=\"closed\"} 1.0")
                .contains(BREAKER_STATE + "state=\"open\"} 0.0");
    }

    @Test
    void theLeaderStaysReadyWhileItsWebSocketIsDownAndTheGaugeSaysItHoldsNoSubscription() {
        assertThat(subscribed()).isEqualTo(1.0);
        // the next connect needs a new token, and the token endpoint is down
        sandbox.setFaults(Target.TOKEN, FaultSettings.none().withOutage(true));
        sandbox.expireAllTokens();
        sandbox.closeAllWebSockets(1001);

        await().atMost(Duration.ofSeconds(10)).until(() -> subscribed() == 0.0);
        Actuator.Answer health = await().atMost(Duration.ofSeconds(10)).until(() -> http.get(HEALTH),
                a -> "OUT_OF_SERVICE".equals(a.json().at("/components/cxoneWebSocket/status").asText()));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("OUT_OF_SERVICE");
        JsonNode webSocket = http.getAsAdmin(HEALTH).json().at("/components/cxoneWebSocket/details");
        assertThat(webSocket.get("role").asText()).isEqualTo("leader");
        assertThat(webSocket.get("state").asText()).isIn("connecting", "backing-off");
        assertStaysReady();
        assertThat(http.get(LIVENESS).status()).isEqualTo(200);
        assertThat(subscribed()).as("still no token, still no subscription").isEqualTo(0.0);

        sandbox.setFaults(Target.TOKEN, FaultSettings.none());
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribed() == 1.0);
        assertThat(http.get(HEALTH).json().at("/components/cxoneWebSocket/status").asText()).isEqualTo("UP");
    }

    @Test
    void aStandbyIsReadyAndSaysItIsOneUntilItTakesTheSubscriptionOver() throws Exception {
        CamelContext camel = gateway.context().getBean(CamelContext.class);
        FileLockClusterService ours = gateway.context().getBean(FileLockClusterService.class);
        assertThat(camel.getRoute("ingest-guest-frames").getConsumer()).as("master: as the gateway registers it")
                .isInstanceOf(PromptMasterConsumer.class);
        assertThat(camel.getComponent("master", MasterComponent.class).getBackOffDelay()).isEqualTo(1234);
        // another replica on the same lock folder wins the election while this one's master: route is stopped...
        camel.getRouteController().stopRoute("ingest-guest-frames");
        try (CamelContext otherReplica = new DefaultCamelContext()) {
            FileLockClusterService election = new FileLockClusterService();
            election.setId("other-replica");
            election.setRoot(ours.getRoot());
            election.setAcquireLockDelay(ours.getAcquireLockDelay(), ours.getAcquireLockDelayUnit());
            election.setAcquireLockInterval(ours.getAcquireLockInterval(), ours.getAcquireLockIntervalUnit());
            otherReplica.addService(election);
            otherReplica.start();
            CamelClusterView view = election.getView(LeaderConfiguration.SUBSCRIPTION_NAMESPACE);
            await().atMost(Duration.ofSeconds(10)).until(() -> view.getLocalMember().isLeader());

            // ...and this one starts again as its standby
            camel.getRouteController().startRoute("ingest-guest-frames");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    "standby".equals(http.getAsAdmin(HEALTH).json().at("/components/cxoneWebSocket/details/role").asText()));
            assertThat(camel.getRouteController().getRouteStatus("ingest-guest-frames")).isEqualTo(ServiceStatus.Started);
            assertThat(ours.getNamespaces()).as("this pod stands for election").contains(LeaderConfiguration.SUBSCRIPTION_NAMESPACE);
            assertStaysReady();
            assertThat(http.get(READINESS).json().get("status").asText()).isEqualTo("UP");
            Actuator.Answer health = http.getAsAdmin(HEALTH);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().at("/components/cxoneWebSocket/status").asText()).isEqualTo("UNKNOWN");
            assertThat(health.json().at("/components/cxoneWebSocket/details/role").asText()).isEqualTo("standby");
            assertThat(health.json().at("/components/cxoneWebSocket/details/state").asText()).isEqualTo("stopped");
            assertThat(subscribed()).as("a standby holds no subscription").isEqualTo(0.0);
            assertThat(sandbox.state().wsAuthenticated()).as("WebSockets CXone sees").isZero();
        } // the other replica stops and lets go of the lock

        gateway.awaitSubscribed();
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribed() == 1.0);
        assertThat(http.getAsAdmin(HEALTH).json().at("/components/cxoneWebSocket/details/role").asText()).isEqualTo("leader");
    }

    /** Readiness answers 200 at every poll for {@link #STAYS_READY}; the first other answer fails the test. */
    private static void assertStaysReady() {
        await().during(STAYS_READY).atMost(STAYS_READY.plusSeconds(2))
                .failFast("readiness answered other than 200", () -> http.get(READINESS).status() != 200)
                .until(() -> true);
    }

    /** gateway_websocket_authenticated as scraped, or -1 while the scrape lacks it. */
    private static double subscribed() {
        var line = Pattern.compile("(?m)^gateway_websocket_authenticated ([0-9.]+)$").matcher(http.get("/actuator/prometheus").body());
        return line.find() ? Double.parseDouble(line.group(1)) : -1;
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
