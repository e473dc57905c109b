package io.guestgateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Queue depths: one gauge per queue, the broker asked at most once per interval. */
class QueueDepthsTest {

    private final Map<String, Long> broker = new HashMap<>(Map.of("guest.routing", 7L, "guest.crm", 3L));
    private final Map<String, Integer> reads = new HashMap<>();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    QueueDepthsTest() {
        new QueueDepths(queue -> {
            reads.merge(queue, 1, Integer::sum);
            return broker.getOrDefault(queue, -1L);
        }, Duration.ofSeconds(2), nanos::get).bindTo(registry);
    }

    @Test
    void everyQueueHasAGaugeAndAnUnknownQueueIsNaN() {
        assertThat(registry.find(QueueDepths.METER).gauges()).hasSize(QueueDepths.QUEUES.size());
        assertThat(depth("guest.routing")).isEqualTo(7.0);
        assertThat(depth("guest.crm")).isEqualTo(3.0);
        assertThat(depth("guest.routing.dlq")).isNaN();
    }

    @Test
    void aScrapeWithinTheIntervalReadsNothingFromTheBroker() {
        for (int scrape = 0; scrape < 5; scrape++) {
            QueueDepths.QUEUES.forEach(this::depth);
        }
        assertThat(reads).hasSize(QueueDepths.QUEUES.size()).allSatisfy((queue, count) -> assertThat(count).isEqualTo(1));

        broker.put("guest.routing", 9L);
        nanos.addAndGet(Duration.ofMillis(1999).toNanos());
        assertThat(depth("guest.routing")).isEqualTo(7.0);
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(depth("guest.routing")).isEqualTo(9.0);
        assertThat(reads.get("guest.crm")).isEqualTo(2);
    }

    private double depth(String queue) {
        return registry.get(QueueDepths.METER).tag("queue", queue).gauge().value();
    }
}
