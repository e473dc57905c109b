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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * routing.max-pacing bounds how long CXone may pace one conversation with 429s: past it, the
 * conversation is dead-lettered with that reason instead of waiting on.
 */
@CamelSpringBootTest
@SpringBootTest
// closed after the class, so that its consumers and broker do not run on beside later test classes
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RoutingMaxPacingTest {

    static final CxoneSandbox SANDBOX = CxoneSandbox.start(SandboxSettings.defaults());
    static final Path DATA_DIR = RoutingTestSupport.tempDirDeletedAtExit("max-pacing-it");

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        Map<String, Object> p = RoutingTestSupport.flakyApiProperties(SANDBOX, DATA_DIR);
        p.put("routing.max-pacing", "5s");
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

    @Test
    void aConversationPacedForLongerThanMaxPacingIsDeadLettered() {
        List<CircuitBreakerEvent.Type> breakerEvents = new CopyOnWriteArrayList<>();
        breaker.getEventPublisher().onEvent(event -> breakerEvents.add(event.getEventType()));
        SANDBOX.setFaults(Target.ROUTING, FaultSettings.none().withEvery429(1).withRetryAfterSeconds(1));
        send(producer, guest("c-paced-too-long", "billing", "hello"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !deadLettersOf("c-paced-too-long").isEmpty());

        // Retry-After 1 s, or the backoff for the n-th 429 when longer: 1 + 1 + 2 = 4 s, the next 4 s past 5 s
        DeadLetter letter = deadLettersOf("c-paced-too-long").get(0);
        assertThat(letter.attempts()).isEqualTo(4);
        assertThat(letter.lastStatus()).isEqualTo(429);
        assertThat(letter.reason()).contains("routing.max-pacing (5 s)");
        assertThat(callsFor(SANDBOX, "c-paced-too-long")).extracting(RecordedCall::status).containsOnly(429).hasSize(4);
        assertThat(breakerEvents).doesNotContain(CircuitBreakerEvent.Type.ERROR, CircuitBreakerEvent.Type.STATE_TRANSITION);
    }

    private List<DeadLetter> deadLettersOf(String conversationId) {
        return RoutingTestSupport.deadLettersOf(deadLetters, List.of(conversationId));
    }
}
