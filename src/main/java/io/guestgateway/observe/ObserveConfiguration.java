package io.guestgateway.observe;

import io.guestgateway.routing.RoutingBreakerPolicy;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health and metrics wiring that spans the stages: the circuit breaker's health (its metrics are
 * camel-resilience4j-micrometer's), queue depths of the embedded broker, the ingest tag fix-up, and
 * the conversation id in the logging MDC. The health groups themselves are in application.yaml
 * ({@code management.endpoint.health.group.*}).
 */
@Configuration(proxyBeanMethods = false)
public class ObserveConfiguration {

    /** How old a queue depth may be when scraped. */
    static final Duration QUEUE_SAMPLE_INTERVAL = Duration.ofSeconds(2);

    /** Health contributor {@code routingCircuit}. */
    @Bean
    RoutingCircuitHealthIndicator routingCircuitHealthIndicator(RoutingBreakerPolicy routingBreakerPolicy) {
        return new RoutingCircuitHealthIndicator(routingBreakerPolicy::breaker);
    }

    /**
     * Queue depths from the embedded broker. With an external broker (spring.artemis.mode=native)
     * there is no such bean and no gauge: the broker exports its own queue metrics.
     */
    @Bean
    MeterBinder queueDepthGauges(ObjectProvider<EmbeddedActiveMQ> embeddedBroker) {
        return registry -> embeddedBroker.ifAvailable(
                broker -> new QueueDepths(messageCount(broker), QUEUE_SAMPLE_INTERVAL).bindTo(registry));
    }

    /** The broker's own per-queue counter: no message is browsed. */
    static QueueDepths.MessageCount messageCount(EmbeddedActiveMQ broker) {
        return queue -> {
            ActiveMQServer server = broker.getActiveMQServer();
            Queue found = server == null ? null : server.locateQueue(queue);
            return found == null ? -1 : found.getMessageCount();
        };
    }

    @Bean
    ConversationMdc conversationMdc() {
        return new ConversationMdc();
    }
}
