package io.guestgateway.routing;

import static io.guestgateway.routing.RoutingTestSupport.callsFor;
import static io.guestgateway.routing.RoutingTestSupport.guest;
import static io.guestgateway.routing.RoutingTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.guestgateway.deadletter.DeadLetter;
import io.guestgateway.deadletter.DeadLetterHeaders;
import io.guestgateway.deadletter.DeadLetterStore;
import io.guestgateway.guest.GuestMessage;
import io.guestgateway.platform.AcceptedQueues;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.RecordedCall;
import io.guestgateway.sandbox.SandboxSettings;
import io.guestgateway.sandbox.Target;
import io.guestgateway.support.RunsAlone;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * route-conversation against a real sandbox: each status class, Retry-After, dead letters and
 * their replay, and an outage. One Spring context for all; each test uses its own conversation ids.
 */
@CamelSpringBootTest
@AutoConfigureObservability(tracing = false)   // metrics export (the Prometheus scrape) is off in tests otherwise
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed after the class, so that its consumers and broker do not run on beside later test classes
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@RunsAlone // times Retry-After's 3 s wait against a 5 s bound
class RouteConversationTest {

    static final CxoneSandbox SANDBOX = CxoneSandbox.start(SandboxSettings.defaults()
            .withRestrictedQueues(Set.of("vip-only")));
    static final Path DATA_DIR = RoutingTestSupport.tempDirDeletedAtExit("routing-it");

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        RoutingTestSupport.properties(SANDBOX, DATA_DIR).forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void cleanUp() {
        SANDBOX.close();
    }

    @Autowired
    ProducerTemplate producer;
    @Autowired
    CamelContext camel;
    @Autowired
    DeadLetterStore deadLetters;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    io.guestgateway.observe.RoutingCircuitHealthIndicator breakerHealth;

    @BeforeEach
    void healthyCxone() {
        SANDBOX.setFaults(Target.ROUTING, FaultSettings.none());
    }

    @Test
    void manyMessagesOfOneConversationMakeOneCallWithTheContractsBodyAndHeaders() throws Exception {
        double duplicatesBefore = outcome("duplicate");
        for (int i = 0; i < 6; i++) {
            send(producer, guest("c-once", "general-support", "Hi, my order never arrived " + i));
        }
        // the five later messages are recognised as duplicates: only then is "one call" final
        await().atMost(Duration.ofSeconds(10)).until(() -> outcome("duplicate") - duplicatesBefore >= 5);
        List<RecordedCall> calls = callsFor(SANDBOX, "c-once");
        assertThat(calls).hasSize(1);
        RecordedCall call = calls.get(0);
        assertThat(call.status()).isEqualTo(201);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/api/v2/routing/conversations");
        assertThat(RoutingTestSupport.JSON.readTree(call.body())).isEqualTo(RoutingTestSupport.JSON.readTree("""
                {"type":"webchat","queueId":"general-support",
                 "customer":{"id":"c-once","firstName":"Guest","lastName":"fp-3b9d2",
                             "email":"guest_c-once@temp.cxone.com"},
                 "media":{"webchat":{"message":"Hi, my order never arrived 0","url":""}}}"""));
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
        assertThat(call.header("Idempotency-Key")).isEqualTo("c-once");
        assertThat(call.header("Authorization")).matches("Bearer \\S+");
        // nothing of the gateway's own (JMS, Gateway*, Camel*) leaks to CXone
        assertThat(call.headers().keySet()).allSatisfy(name -> assertThat(name.toLowerCase())
                .isIn("authorization", "content-type", "idempotency-key", "content-length", "host", "connection",
                        "user-agent", "accept-encoding"));
    }

    @Test
    void numberedMessagesInOrderMakeOneCallWithTheFirstAndNoneIsHeldBack() {
        double duplicatesBefore = outcome("duplicate");
        double heldBackBefore = heldBack();
        for (int i = 1; i <= 3; i++) {
            send(producer, guest("c-numbered", "general-support", "line " + i), i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> outcome("duplicate") - duplicatesBefore >= 2);
        assertThat(callsFor(SANDBOX, "c-numbered")).extracting(RoutingTestSupport::messageOf).containsExactly("line 1");
        assertThat(heldBack() - heldBackBefore).isZero();
    }

    /**
     * A later message claiming its conversation (what a replica's death can cause) goes back to
     * guest.routing; when the first never comes it is routed itself, on its tenth delivery.
     */
    @Test
    void aLaterMessageThatComesFirstGoesBackNineTimesThenIsRouted() {
        double heldBackBefore = heldBack();
        send(producer, guest("c-second-first", "general-support", "line 2"), 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> !callsFor(SANDBOX, "c-second-first").isEmpty());
        assertThat(heldBack() - heldBackBefore).as("deliveries held back").isEqualTo(9);
        assertThat(callsFor(SANDBOX, "c-second-first")).extracting(RoutingTestSupport::messageOf).containsExactly("line 2");
        assertThat(RoutingTestSupport.deadLettersOf(deadLetters, List.of("c-second-first"))).isEmpty();
    }

    @Test
    void unknownQueueIsDeadLetteredAtOnceWithItsReason() throws Exception {
        send(producer, guest("c-400", "no-such-queue", "hello"));
        DeadLetter letter = awaitDeadLetter("c-400");
        assertThat(letter.lastStatus()).isEqualTo(400);
        assertThat(letter.attempts()).isEqualTo(1);
        assertThat(letter.reason()).contains("HTTP 400").contains("unknown_queue");
        assertThat(letter.replayQueue()).isEqualTo("guest.routing");
        assertThat(letter.firstFailure()).isNotNull();
        assertThat(callsFor(SANDBOX, "c-400")).extracting(RecordedCall::status).containsExactly(400);

        // the admin API lists it, without the message text, and only for the admin
        ResponseEntity<String> anonymous = rest.exchange(RequestEntity.get("/admin/dead-letters/routing")
                .accept(MediaType.APPLICATION_JSON).build(), String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> listing = admin().getForEntity("/admin/dead-letters/routing", String.class);
        assertThat(listing.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(listing.getBody()).contains("c-400").contains("unknown_queue").doesNotContain("hello");
        assertThat(admin().getForEntity("/admin/dead-letters/elsewhere", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(admin().postForEntity("/admin/dead-letters/routing/no-such-id/replay", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(admin().postForEntity("/admin/dead-letters/routing/x' OR '1'='1/replay", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        // a later message of the same conversation adds neither a call nor a dead letter
        double duplicatesBefore = outcome("duplicate");
        send(producer, guest("c-400", "no-such-queue", "still there?"));
        await().atMost(Duration.ofSeconds(10)).until(() -> outcome("duplicate") > duplicatesBefore);
        assertThat(callsFor(SANDBOX, "c-400")).hasSize(1);
        assertThat(deadLettersOf("c-400")).hasSize(1);
    }

    @Test
    void anUnreadableMessageIsDeadLetteredAtOnceWithoutACall() {
        producer.sendBodyAndHeader("jms:topic:" + AcceptedQueues.fullyQualified("guest.routing"), "{not json: \"secret guest text\"", "JMSXGroupID", "c-poison");
        DeadLetter letter = awaitDeadLetter("c-poison");
        assertThat(letter.attempts()).isZero();
        assertThat(letter.lastStatus()).isZero();
        // the reason names the failure, never quotes the message
        assertThat(letter.reason()).isNotBlank().doesNotContain("secret");
        assertThat(callsFor(SANDBOX, "c-poison")).isEmpty();
    }

    @Test
    void restrictedQueueIsDeadLetteredAtOnceNamingTheScope() {
        send(producer, guest("c-403", "vip-only", "hello"));
        DeadLetter letter = awaitDeadLetter("c-403");
        assertThat(letter.lastStatus()).isEqualTo(403);
        assertThat(letter.reason()).contains("routing:write");
        assertThat(callsFor(SANDBOX, "c-403")).extracting(RecordedCall::status).containsExactly(403);
    }

    @Test
    void anExpiredTokenIsReplacedAndTheCallRetried() {
        send(producer, guest("c-401-warmup", "general-support", "hello"));
        await().atMost(Duration.ofSeconds(10)).until(() -> callsFor(SANDBOX, "c-401-warmup").size() == 1);
        SANDBOX.expireAllTokens();
        send(producer, guest("c-401", "billing", "hello"));
        await().atMost(Duration.ofSeconds(10)).until(() -> routed("c-401"));
        List<RecordedCall> calls = callsFor(SANDBOX, "c-401");
        assertThat(calls).extracting(RecordedCall::status).containsExactly(401, 201);
        assertThat(calls.get(1).header("Authorization")).isNotEqualTo(calls.get(0).header("Authorization"));
    }

    @Test
    void aServerErrorIsRetried() {
        SANDBOX.setFaults(Target.ROUTING, FaultSettings.none().withFailureRate(1.0));
        send(producer, guest("c-503", "sales", "hello"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !callsFor(SANDBOX, "c-503").isEmpty());
        SANDBOX.setFaults(Target.ROUTING, FaultSettings.none());
        await().atMost(Duration.ofSeconds(10)).until(() -> routed("c-503"));
        List<RecordedCall> calls = callsFor(SANDBOX, "c-503");
        assertThat(calls.get(0).status()).isEqualTo(503);
        assertThat(calls).extracting(RecordedCall::status).endsWith(201).filteredOn(s -> s == 201).hasSize(1);
        assertThat(deadLettersOf("c-503")).isEmpty();
    }

    @Test
    void retryAfterOnA429HoldsTheNextCallForThatLong() {
        SANDBOX.setFaults(Target.ROUTING, FaultSettings.none().withEvery429(1).withRetryAfterSeconds(3));
        send(producer, guest("c-429", "general-support", "hello"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !callsFor(SANDBOX, "c-429").isEmpty());
        SANDBOX.setFaults(Target.ROUTING, FaultSettings.none());
        await().atMost(Duration.ofSeconds(10)).until(() -> routed("c-429"));
        List<RecordedCall> calls = callsFor(SANDBOX, "c-429");
        assertThat(calls).extracting(RecordedCall::status).containsExactly(429, 201);
        // routing.initial-delay is 200 ms here: only Retry-After explains a wait of 3 s
        assertThat(calls.get(1).time() - calls.get(0).time()).isBetween(3000L, 5000L);
    }

    @Test
    void exhaustedRetriesAreDeadLetteredAndAReplayRoutesOnce() {
        // a conversation is dead-lettered only when its failures are the only ones the breaker saw
        // lately; five successes push any other test's failure out of its 5-call window
        List<String> warmUp = IntStream.range(0, 5).mapToObj(i -> "c-warm-" + i).toList();
        warmUp.forEach(id -> send(producer, guest(id, "general-support", "hello")));
        await().atMost(Duration.ofSeconds(10)).until(() -> warmUp.stream().allMatch(this::routed));

        SANDBOX.setFaults(Target.ROUTING, FaultSettings.none().withFailureRate(1.0));
        send(producer, guest("c-exhausted", "billing", "hello"));
        DeadLetter letter = awaitDeadLetter("c-exhausted");
        // routing.max-retries is 2 here: three calls, backing off 200 ms, then 400 ms
        List<RecordedCall> failed = callsFor(SANDBOX, "c-exhausted");
        assertThat(failed).extracting(RecordedCall::status).containsExactly(503, 503, 503);
        assertThat(failed.get(1).time() - failed.get(0).time()).isGreaterThanOrEqualTo(200);
        assertThat(failed.get(2).time() - failed.get(1).time()).isGreaterThanOrEqualTo(400);
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.lastStatus()).isEqualTo(503);
        assertThat(letter.reason()).startsWith("HTTP 503");

        SANDBOX.setFaults(Target.ROUTING, FaultSettings.none());
        ResponseEntity<String> replay = admin().postForEntity(
                "/admin/dead-letters/routing/" + letter.id() + "/replay", null, String.class);
        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(10)).until(() -> routed("c-exhausted"));
        assertThat(callsFor(SANDBOX, "c-exhausted")).extracting(RecordedCall::status).containsExactly(503, 503, 503, 201);
        assertThat(deadLettersOf("c-exhausted")).isEmpty();

        // a stale dead letter of the now routed conversation: replaying it changes nothing
        double duplicatesBefore = outcome("duplicate");
        producer.sendBodyAndHeaders("jms:queue:guest.routing.dlq", json(guest("c-exhausted", "billing", "hello")),
                Map.of(DeadLetterHeaders.REPLAY_QUEUE, "guest.routing", DeadLetterHeaders.KEY, "c-exhausted",
                        "JMSXGroupID", "c-exhausted"));
        ResponseEntity<JsonNode> all = admin().postForEntity("/admin/dead-letters/routing/replay-all", null, JsonNode.class);
        assertThat(all.getBody().get("replayed").asInt()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outcome("duplicate") > duplicatesBefore);
        assertThat(callsFor(SANDBOX, "c-exhausted")).hasSize(4);
        assertThat(SANDBOX.state().duplicateRoutes()).isZero();
    }

    @Test
    void anOutageDeadLettersNothingAndCostsOnlyATrickleOfCalls() {
        int before = SANDBOX.routingCalls().size();
        List<String> ids = IntStream.range(0, 8).mapToObj(i -> "c-outage-" + i).toList();
        SANDBOX.setFaults(Target.ROUTING, FaultSettings.none().withOutage(true));
        ids.forEach(id -> send(producer, guest(id, "general-support", "hello")));

        // the breaker opens and pauses the queue consumer...
        await().atMost(Duration.ofSeconds(10)).until(() -> ServiceHelper.isSuspended(routeConsumer()));
        int atOpen = SANDBOX.routingCalls().size() - before;
        assertThat(breakerHealth.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        // ...then lets a probe through every 2 s (wait-in-open, no backoff here); the outage lasts four probes
        await().atMost(Duration.ofSeconds(20)).until(() -> SANDBOX.routingCalls().size() - before >= atOpen + 4);
        int duringOutage = SANDBOX.routingCalls().size() - before;
        SANDBOX.setFaults(Target.ROUTING, FaultSettings.none());

        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(this::routed));
        assertThat(breakerHealth.health().getStatus()).isEqualTo(Status.UP);
        assertThat(ServiceHelper.isSuspended(routeConsumer())).isFalse();
        // without the breaker, 8 conversations x 3 calls would have hit CXone and all 8 been dead-lettered
        assertThat(atOpen).isBetween(5, 8);
        assertThat(duringOutage).isLessThanOrEqualTo(atOpen + 5);
        ids.forEach(id -> assertThat(deadLettersOf(id)).isEmpty());
        ids.forEach(id -> assertThat(callsFor(SANDBOX, id)).filteredOn(c -> c.status() == 201).hasSize(1));
        assertThat(SANDBOX.state().duplicateRoutes()).isZero();
    }

    @Test
    void slaLatencyIsAPrometheusHistogram() {
        send(producer, guest("c-sla", "general-support", "hello"));
        await().atMost(Duration.ofSeconds(10)).until(() -> routed("c-sla"));
        String scrape = rest.getForObject("/actuator/prometheus", String.class);
        assertThat(scrape).contains("gateway_routing_sla_latency_seconds_bucket{le=")
                .contains("gateway_routing_outcomes_total{outcome=\"routed\"}");
    }

    private boolean routed(String conversationId) {
        return callsFor(SANDBOX, conversationId).stream().anyMatch(call -> call.status() == 201);
    }

    private DeadLetter awaitDeadLetter(String conversationId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !deadLettersOf(conversationId).isEmpty());
        return deadLettersOf(conversationId).get(0);
    }

    private List<DeadLetter> deadLettersOf(String conversationId) {
        return RoutingTestSupport.deadLettersOf(deadLetters, List.of(conversationId));
    }

    private double heldBack() {
        var counter = meters.find("gateway.routing.held-back").counter();
        return counter == null ? 0 : counter.count();
    }

    private double outcome(String outcome) {
        return meters.get(RoutingMetrics.OUTCOMES).tag("outcome", outcome).counter().count();
    }

    private org.apache.camel.Consumer routeConsumer() {
        return camel.getRoute("route-conversation").getConsumer();
    }

    private TestRestTemplate admin() {
        return rest.withBasicAuth("admin", RoutingTestSupport.ADMIN_PASSWORD);
    }

    private static String json(GuestMessage message) {
        try {
            return RoutingTestSupport.JSON.writeValueAsString(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
