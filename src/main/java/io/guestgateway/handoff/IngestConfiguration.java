package io.guestgateway.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.config.CxoneProperties;
import io.guestgateway.config.GatewayProperties;
import io.guestgateway.ingest.FloodGuard;
import io.guestgateway.ingest.GuestFrames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans {@code routes/ingest.yaml} calls by name, built from typed configuration.
 *
 * <p>Declared once for every runtime: {@code @Bean} for Spring Boot, {@code @BindToRegistry} for
 * Camel Main (see {@link io.guestgateway.routing.RoutingConfiguration}).
 */
@Configuration
public class IngestConfiguration implements CamelConfiguration {

    @Bean
    @BindToRegistry(lazy = true)
    public GuestFrames guestFrames(CxoneProperties cxone, GatewayProperties gateway) {
        return new GuestFrames(cxone.websocket().maxFrameSize(), gateway.maxTextLength());
    }

    @Bean
    @BindToRegistry(lazy = true)
    public FloodGuard floodGuard(GatewayProperties gateway) {
        GatewayProperties.Flood flood = gateway.flood();
        return new FloodGuard(flood.maxMessages(), flood.window(), flood.maxTracked());
    }

    @Bean
    @BindToRegistry(lazy = true)
    public DurableHandOff durableHandOff(ConnectionFactory connectionFactory, ObjectMapper objectMapper) {
        return new DurableHandOff(connectionFactory, objectMapper);
    }

    @Bean
    MeterBinder floodGuardMetrics(FloodGuard floodGuard) {
        return (MeterRegistry registry) -> Gauge.builder("gateway.flood.tracked", floodGuard, FloodGuard::tracked)
                .description("Fingerprints the flood guard tracks now (bounded by gateway.flood.max-tracked)")
                .register(registry);
    }
}
