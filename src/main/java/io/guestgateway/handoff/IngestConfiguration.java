package io.guestgateway.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.config.CxoneProperties;
import io.guestgateway.config.GatewayProperties;
import io.guestgateway.ingest.FloodGuard;
import io.guestgateway.ingest.GuestFrames;
import io.guestgateway.platform.OrderedBatches;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.jms.ConnectionFactory;
import java.util.concurrent.ExecutorService;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans {@code routes/ingest.yaml} calls by name, built from typed configuration.
 */
@Configuration
public class IngestConfiguration {

    @Bean
    public GuestFrames guestFrames(CxoneProperties cxone, GatewayProperties gateway) {
        return new GuestFrames(cxone.websocket().maxFrameSize(), gateway.maxTextLength());
    }

    @Bean
    public FloodGuard floodGuard(GatewayProperties gateway) {
        GatewayProperties.Flood flood = gateway.flood();
        return new FloodGuard(flood.maxMessages(), flood.window(), flood.maxTracked());
    }

    @Bean
    public DurableHandOff durableHandOff(ConnectionFactory connectionFactory, ObjectMapper objectMapper,
            OrderedBatches handOffBatches) {
        return new DurableHandOff(connectionFactory, objectMapper, handOffBatches);
    }

    /** The hand-off's batches, committed one at a time in the order they opened. */
    @Bean
    public OrderedBatches handOffBatches() {
        return new OrderedBatches(new GroupedBodyAggregationStrategy());
    }

    /**
     * Commits a closed batch on the thread that closed it (a cxone-ws worker, or the interval
     * timer) instead of Camel's default single "Aggregator" thread with an unbounded queue: a
     * worker waits while the broker is slow, and the WebSocket pauses (see the route), instead of
     * batches piling up in memory. {@link OrderedBatches} needs it too: on one shared thread a batch
     * would wait for an earlier one queued behind it.
     */
    @Bean
    public ExecutorService handOffCommitter() {
        return new SynchronousExecutorService();
    }

    @Bean
    MeterBinder floodGuardMetrics(FloodGuard floodGuard) {
        return (MeterRegistry registry) -> Gauge.builder("gateway.flood.tracked", floodGuard, FloodGuard::tracked)
                .description("Fingerprints the flood guard tracks now (bounded by gateway.flood.max-tracked)")
                .register(registry);
    }
}
