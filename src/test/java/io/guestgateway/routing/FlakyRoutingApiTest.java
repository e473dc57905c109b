package io.guestgateway.routing;

import static io.guestgateway.routing.RoutingTestSupport.callsFor;
import static io.guestgateway.routing.RoutingTestSupport.guest;
import static io.guestgateway.routing.RoutingTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerEvent;
import io.guestgateway.deadletter.DeadLetter;
import io.guestgateway.deadletter.DeadLetterStore;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.RecordedCall;
import io.guestgateway.sandbox.SandboxSettings;
import io.guestgateway.sandbox.Target;
import io.guestgateway.support.RunsAlone;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Task Routing API that answers most calls but not all: 503s and 429s mixed, the breaker with
 * its application.yaml settings, retries as the flaky-API bound is stated for (4 retries from
 * 500 ms, capped at 4 s), and application.yaml's routing.max-pacing (5 min). The sandbox answers
 * every 4th call of all with a 429, so when a few conversations retry in step one of them can meet
 * several 429s in a row: with a short max-pacing it would be dead-lettered, as designed
 * (RoutingMaxPacingTest), which is not what this test is about. The sandbox's 503 draws are seeded per conversation, so which
 * conversation meets how many 503s in a row does not depend on how the calls interleave.
 */
@CamelSpringBootTest
@SpringBootTest
// closed after the class, so that its consumers and broker do not run on beside later test classes
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@RunsAlone // times the last conversation routed against a 40 s bound
class FlakyRoutingApiTest {

    static final CxoneSandbox SANDBOX = CxoneSandbox.start(SandboxSettings.defaults().withSeed(20251129L));
    static final Path DATA_DIR = RoutingTestSupport.tempDirDeletedAtExit("flaky-routing-it");
    static final FaultSettings FLAKY = FaultSettings.none().withFailureRate(0.3).withEvery429(4).withRetryAfterSeconds(2);

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        Map<String, Object> p = RoutingTestSupport.flakyApiProperties(SANDBOX, DATA_DIR);
        p.put("routing.consumers", "12");
        p.forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void cleanUp() {
        SANDBOX.close();
    }

    @Autowired
    ProducerTemplate producer;
    @Autowired
    CircuitBreaker breaker;
    @Autowired
    DeadLetterStore deadLetters;

    private final List<CircuitBreakerEvent.Type> breakerEvents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void watchTheBreaker() {
        SANDBOX.setFaults(Target.ROUTING, FaultSettings.none());
        breaker.getEventPublisher().onEvent(event -> breakerEvents.add(event.getEventType()));
    }

    @Test
    void thirtyConversationsUnderThe503And429MixAreAllRoutedOnceTheLastWithinFortySeconds() {
        SANDBOX.setFaults(Target.ROUTING, FLAKY);
        List<String> ids = IntStream.range(0, 30).mapToObj(i -> "c-flaky-" + i).toList();
        long sentAt = System.currentTimeMillis();
        ids.forEach(id -> send(producer, guest(id, "general-support", "hello")));

        // settled (routed or dead-lettered); a timeout names each unsettled conversation and its answers
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(unsettled(ids))
                .as(() -> "conversations neither routed nor dead-lettered, with the statuses of their calls; breaker events "
                        + breakerEvents.stream().filter(type -> type != CircuitBreakerEvent.Type.SUCCESS).toList())
                .isEmpty());
        assertThat(deadLettersOf(ids)).as("dead letters").isEmpty();
        long lastRoutedAt = ids.stream().mapToLong(id -> routedAt(id)).max().orElseThrow();
        assertThat(lastRoutedAt - sentAt).as("ms from sending to the last conversation routed").isLessThanOrEqualTo(40_000);
        ids.forEach(id -> assertThat(callsFor(SANDBOX, id)).filteredOn(c -> c.status() == 201).hasSize(1));
        assertThat(SANDBOX.state().duplicateRoutes()).isZero();

        // the faults were there, and the breaker never opened for them
        List<Integer> statuses = ids.stream().flatMap(id -> callsFor(SANDBOX, id).stream()).map(RecordedCall::status).toList();
        assertThat(statuses).contains(429, 503);
        assertThat(breakerEvents).doesNotContain(CircuitBreakerEvent.Type.STATE_TRANSITION, CircuitBreakerEvent.Type.NOT_PERMITTED);
    }

    @Test
    void a429NeitherCountsAsABreakerFailureNorSpendsARetry() {
        SANDBOX.setFaults(Target.ROUTING, FaultSettings.none().withEvery429(1).withRetryAfterSeconds(1));
        send(producer, guest("c-paced", "billing", "hello"));
        // five 429s: as retries, the fifth failure would have been past routing.max-retries (4)
        await().atMost(Duration.ofSeconds(30)).until(() -> callsFor(SANDBOX, "c-paced").size() >= 5);
        SANDBOX.setFaults(Target.ROUTING, FaultSettings.none());
        await().atMost(Duration.ofSeconds(15)).until(() -> routed("c-paced"));

        assertThat(callsFor(SANDBOX, "c-paced")).extracting(RecordedCall::status).containsExactly(429, 429, 429, 429, 429, 201);
        assertThat(deadLettersOf(List.of("c-paced"))).isEmpty();
        // each 429 went through the breaker as an answer: six calls, not one failure among them
        assertThat(breakerEvents).filteredOn(type -> type == CircuitBreakerEvent.Type.SUCCESS).hasSize(6);
        assertThat(breakerEvents).doesNotContain(CircuitBreakerEvent.Type.ERROR, CircuitBreakerEvent.Type.STATE_TRANSITION);
    }

    private boolean routed(String conversationId) {
        return callsFor(SANDBOX, conversationId).stream().anyMatch(call -> call.status() == 201);
    }

    /** Each conversation neither routed nor dead-lettered yet, with the statuses its calls were answered. */
    private Map<String, List<Integer>> unsettled(List<String> ids) {
        return ids.stream().filter(id -> !routed(id) && deadLettersOf(List.of(id)).isEmpty()).collect(Collectors.toMap(id -> id,
                id -> callsFor(SANDBOX, id).stream().map(RecordedCall::status).toList()));
    }

    private long routedAt(String conversationId) {
        return callsFor(SANDBOX, conversationId).stream().filter(call -> call.status() == 201)
                .mapToLong(RecordedCall::time).findFirst().orElseThrow();
    }

    private List<DeadLetter> deadLettersOf(List<String> conversationIds) {
        return RoutingTestSupport.deadLettersOf(deadLetters, conversationIds);
    }
}
