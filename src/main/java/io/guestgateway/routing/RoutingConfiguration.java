package io.guestgateway.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.config.RoutingProperties;
import io.guestgateway.config.SlaProperties;
import io.guestgateway.cxone.AccessTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans {@code routes/route-conversation.yaml} and {@code routes/routing-errors.yaml} name.
 * The beans are plain classes; this is the only Spring-aware piece of the routing stage.
 */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    /** The queue ingest fills and this stage drains; dead letters are replayed back to it. */
    public static final String ROUTING_QUEUE = "guest.routing";
    /** The id of the circuitBreaker step in route-conversation.yaml. */
    public static final String BREAKER_ID = "routing-circuit-breaker";

    private static final Clock CLOCK = Clock.systemUTC();

    @Bean
    RoutingMetrics routingMetrics(MeterRegistry registry, SlaProperties sla) {
        return new RoutingMetrics(registry, sla.target());
    }

    @Bean
    RoutingRequestBuilder routingRequestBuilder(ObjectMapper json, RoutingProperties routing) {
        return new RoutingRequestBuilder(json, routing.emailDomain());
    }

    @Bean
    RoutingCall routingCall(RoutingRequestBuilder builder, @Qualifier("cxoneTokens") AccessTokens tokens) {
        return new RoutingCall(builder, tokens);
    }

    @Bean
    RoutingOutcomeClassifier routingOutcomeClassifier(ObjectMapper json, RoutingProperties routing) {
        return new RoutingOutcomeClassifier(json, routing.maxRetryAfter(), CLOCK);
    }

    @Bean
    ConversationLedger conversationLedger(DataSource dataSource, RoutingMetrics metrics) {
        return new ConversationLedger(dataSource, metrics::duplicate);
    }

    @Bean
    RoutingBreakerPolicy routingBreakerPolicy() {
        return new RoutingBreakerPolicy(BREAKER_ID);
    }

    @Bean
    RoutingBreakerMetrics routingBreakerMetrics(RoutingBreakerPolicy policy) {
        return new RoutingBreakerMetrics(policy);
    }

    @Bean
    RoutingRedeliveryPlanner routingRedeliveryPlanner(RoutingProperties routing,
            @Qualifier("cxoneTokens") AccessTokens tokens, RoutingBreakerPolicy breaker, RoutingMetrics metrics) {
        return new RoutingRedeliveryPlanner(
                new RetryPolicy(routing.maxRetries(), routing.initialDelay(), routing.maxDelay()),
                routing.fallbackQueueId(), tokens, breaker, metrics, CLOCK);
    }

    @Bean
    RoutingSla routingSla(RoutingMetrics metrics, SlaProperties sla) {
        return new RoutingSla(metrics, sla.target(), CLOCK);
    }

    @Bean
    RoutingDeadLetters routingDeadLetters(ConversationLedger ledger, RoutingMetrics metrics) {
        return new RoutingDeadLetters(ROUTING_QUEUE, ledger, metrics, CLOCK);
    }
}
