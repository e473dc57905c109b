package io.guestgateway.routing;

import io.guestgateway.ingest.SafeText;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLA in the log as one line per interval instead of one per conversation: how many were
 * routed, how many over the target, p50 and p99, and the slowest conversation. Recording is cheap
 * on the routing path: an HdrHistogram {@link Recorder} (wait-free) and, only for a new slowest, a
 * compare-and-set; the line is formatted once an interval, and only when something was routed.
 * Latencies are kept to three significant digits, exact up to 2 s.
 */
public class SlaSummary implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlaSummary.class);

    private record Slowest(String conversationId, long millis) {}

    private final long targetMillis;
    private final Recorder latencies = new Recorder(3);
    private final AtomicReference<Slowest> slowest = new AtomicReference<>();
    private final ScheduledExecutorService timer;
    private Histogram recycled;

    /** A summary that reports only when {@link #report()} is called. */
    public SlaSummary(Duration target) {
        this(target, null);
    }

    private SlaSummary(Duration target, ScheduledExecutorService timer) {
        this.targetMillis = target.toMillis();
        this.timer = timer;
    }

    /** A summary that logs its line every {@code interval} on a daemon thread of its own. */
    public static SlaSummary every(Duration target, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sla-summary");
            thread.setDaemon(true);
            return thread;
        });
        SlaSummary summary = new SlaSummary(target, timer);
        timer.scheduleAtFixedRate(summary::log, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return summary;
    }

    /** One routed conversation and its latency from receipt to the 201. */
    public void record(String conversationId, long millis) {
        latencies.recordValue(millis);
        Slowest current = slowest.get();
        while ((current == null || millis > current.millis())
                && !slowest.compareAndSet(current, new Slowest(conversationId, millis))) {
            current = slowest.get();
        }
    }

    /** The figures of the interval that ends now (the next one starts empty); null when nothing was routed. */
    public synchronized Interval next() {
        Histogram interval = latencies.getIntervalHistogram(recycled);
        recycled = interval;
        Slowest worst = slowest.getAndSet(null);
        if (interval.getTotalCount() == 0) {
            return null;
        }
        long millis = interval.getEndTimeStamp() - interval.getStartTimeStamp();
        return new Interval(Duration.ofMillis(millis), interval.getTotalCount(),
                interval.getCountBetweenValues(targetMillis + 1, Long.MAX_VALUE / 2), targetMillis,
                interval.getValueAtPercentile(50), interval.getValueAtPercentile(99),
                worst == null ? "?" : worst.conversationId(), worst == null ? 0 : worst.millis());
    }

    /** Logs the interval's line: a warning when a conversation missed the target. */
    void log() {
        try {
            Interval interval = next();
            if (interval != null && interval.over() > 0) {
                LOG.warn(interval.line());
            } else if (interval != null) {
                LOG.info(interval.line());
            }
        } catch (RuntimeException e) {
            // a failed summary must not end the schedule
            LOG.warn("SLA summary failed: {}", e.toString());
        }
    }

    /** One interval's figures; latencies in milliseconds. */
    public record Interval(Duration length, long routed, long over, long targetMillis, long p50, long p99,
            String slowestConversationId, long slowestMillis) {

        public String line() {
            return String.format(Locale.ROOT, "SLA over the last %d s: %,d conversation(s) routed, %,d over the "
                            + "target of %,d ms; p50 %,d ms, p99 %,d ms; slowest %s in %,d ms",
                    Math.max(1, Math.round(length.toMillis() / 1000.0)), routed, over, targetMillis, p50, p99,
                    SafeText.escape(slowestConversationId, 200), slowestMillis);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
