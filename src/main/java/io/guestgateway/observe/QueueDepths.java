package io.guestgateway.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * {@code gateway.queue.depth{queue}}: messages waiting in each durable queue (in flight to a
 * consumer included), as the broker counts them. All queues are read together, at most once per
 * {@code interval}: a scrape between two samples costs nothing, and one that samples costs a
 * counter read per queue, never a walk over the messages.
 */
public class QueueDepths implements MeterBinder {

    public static final String METER = "gateway.queue.depth";
    /** The queues the pipeline fills; guest.undeliverable is where the broker parks poison messages. */
    public static final List<String> QUEUES = List.of("guest.routing", "guest.crm", "guest.rejected",
            "guest.routing.dlq", "guest.crm.dlq", "guest.undeliverable");

    /** Reads one queue's message count; a negative answer means the queue is not there (yet). */
    @FunctionalInterface
    public interface MessageCount extends ToLongFunction<String> {
    }

    private final MessageCount count;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private double[] depths;
    private long sampledAt;

    public QueueDepths(MessageCount count, Duration interval) {
        this(count, interval, System::nanoTime);
    }

    QueueDepths(MessageCount count, Duration interval, LongSupplier nanoTime) {
        this.count = count;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (int i = 0; i < QUEUES.size(); i++) {
            int index = i;
            Gauge.builder(METER, this, q -> q.depth(index))
                    .description("Messages in the durable queue, sampled at most every few seconds")
                    .tag("queue", QUEUES.get(i))
                    .strongReference(true) // nothing else holds this sampler
                    .register(registry);
        }
    }

    /** The depth of {@code QUEUES.get(index)}, NaN while the broker does not know the queue. */
    synchronized double depth(int index) {
        long now = nanoTime.getAsLong();
        if (depths == null || now - sampledAt >= intervalNanos) {
            double[] fresh = new double[QUEUES.size()];
            for (int i = 0; i < fresh.length; i++) {
                long messages = count.applyAsLong(QUEUES.get(i));
                fresh[i] = messages < 0 ? Double.NaN : messages;
            }
            depths = fresh;
            sampledAt = now;
        }
        return depths[index];
    }
}
