package io.guestgateway.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.guestgateway.config.RoutingProperties;
import io.guestgateway.config.SlaProperties;
import io.guestgateway.cxone.AccessTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans {@code routes/route-conversation.yaml} and {@code routes/routing-errors.yaml} name.
 * The beans are plain classes; this is the only piece of the routing stage that knows a runtime.
 */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    /** The queue ingest fills and this stage drains; dead letters are replayed back to it. */
    public static final String ROUTING_QUEUE = "guest.routing";
    /** The id of the circuitBreaker step in route-conversation.yaml. */
    public static final String BREAKER_ID = "routing-circuit-breaker";

    private static final Clock CLOCK = Clock.systemUTC();

    @Bean
    public RoutingMetrics routingMetrics(MeterRegistry registry, SlaProperties sla) {
        return new RoutingMetrics(registry, sla.target());
    }

    /**
     * The counter route-conversation.yaml's {@code micrometer:} step updates, with the tag that step
     * adds ({@code camelContext}): scraped at zero before the first later message is held back.
     */
    @Bean
    public MeterBinder routingHeldBackMeter(CamelContext camel) {
        return registry -> Counter.builder("gateway.routing.held-back")
                .tags(Tags.of(MicrometerConstants.CAMEL_CONTEXT_TAG, camel.getName()))
                .description("Later messages that reached routing before their conversation's first and went back behind it")
                .register(registry);
    }

    @Bean
    public RoutingRequestBuilder routingRequestBuilder(ObjectMapper json, RoutingProperties routing) {
        return new RoutingRequestBuilder(json, routing.emailDomain());
    }

    @Bean
    public RoutingCall routingCall(RoutingRequestBuilder builder, AccessTokens cxoneTokens) {
        return new RoutingCall(builder, cxoneTokens);
    }

    @Bean
    public ConversationLedger conversationLedger(DataSource dataSource, RoutingMetrics metrics) {
        return new ConversationLedger(dataSource, metrics::duplicate, metrics::deadLettered);
    }

    /**
     * The registry Camel's circuitBreaker steps use (found by type); camel-resilience4j-micrometer
     * exports every breaker in it as resilience4j_circuitbreaker_* (docs/metrics.md).
     */
    @Bean
    public CircuitBreakerRegistry circuitBreakerRegistry() {
        return CircuitBreakerRegistry.ofDefaults();
    }

    /** Named by the circuitBreaker step of route-conversation.yaml. */
    @Bean
    public CircuitBreaker routingCircuitBreaker(CircuitBreakerRegistry breakers, RoutingProperties routing) {
        return RoutingCircuitBreaker.of(breakers, BREAKER_ID, routing.circuitBreaker());
    }

    @Bean
    public RoutingBreakerPolicy routingBreakerPolicy() {
        return new RoutingBreakerPolicy(BREAKER_ID);
    }

    @Bean
    public RoutingRedeliveryPlanner routingRedeliveryPlanner(RoutingProperties routing,
            AccessTokens cxoneTokens, RoutingBreakerPolicy breaker, RoutingMetrics metrics, ObjectMapper json) {
        return new RoutingRedeliveryPlanner(
                new RetryPolicy(routing.maxRetries(), routing.initialDelay(), routing.maxDelay(), routing.maxPacing()),
                routing.fallbackQueueId(), routing.maxRetryAfter(), cxoneTokens, breaker, metrics, json, CLOCK);
    }

    @Bean
    public RoutingSla routingSla(RoutingMetrics metrics, SlaSummary slaSummary, SlaProperties sla) {
        return new RoutingSla(metrics, slaSummary, sla.target(), CLOCK);
    }

    @Bean
    public SlaSummary slaSummary(SlaProperties sla) {
        return SlaSummary.every(sla.target(), sla.summaryInterval());
    }

}
