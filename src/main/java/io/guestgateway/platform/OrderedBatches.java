package io.guestgateway.platform;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets an aggregator's closed batches run their steps one at a time, in the order they were opened.
 *
 * <p>Why: the Aggregator EIP runs a closed batch's steps on the thread that closed it (a consumer
 * at the size limit, its timer at the interval), outside its lock. Two batches closed in quick
 * succession could otherwise commit or post in the opposite order, and a conversation's older
 * message overtake its newer one downstream.
 *
 * <p>It decorates the route's aggregation strategy. {@link #aggregate} numbers a batch when it
 * opens; the aggregator calls it under its lock, and with one correlation key only one batch is
 * open at a time, so numbers follow the order in which batches open and close. The batch's first
 * step calls {@link #awaitTurn}, which returns once every batch with a lower number has finished
 * (its exchange completed, whether it succeeded or failed). A batch this instance did not number
 * (recovered from a persistent repository after a restart) does not wait. A numbered batch that
 * never reaches its steps (its first message could not be stored) is passed over once a later
 * batch has waited {@code grace} for it.
 *
 * <p>Each batch must run its steps on a thread of its own (the aggregator's {@code executorService}
 * a {@code SynchronousExecutorService}: the thread that closed it). On Camel's default single
 * aggregator thread a batch would wait for an earlier one queued behind it.
 */
public final class OrderedBatches implements AggregationStrategy {

    /** Closing a batch and starting its steps takes microseconds; a batch this late never comes. */
    public static final Duration GRACE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(OrderedBatches.class);

    private final AggregationStrategy strategy;
    private final long graceNanos;
    /** Batch exchange id to its number, from opening until finished. */
    private final Map<String, Long> numbers = new ConcurrentHashMap<>();
    /** Numbers not yet finished, each with whether its steps started. Guarded by this. */
    private final TreeMap<Long, Boolean> unfinished = new TreeMap<>();
    private long next; // guarded by this

    public OrderedBatches(AggregationStrategy strategy) {
        this(strategy, GRACE);
    }

    public OrderedBatches(AggregationStrategy strategy, Duration grace) {
        this.strategy = strategy;
        this.graceNanos = grace.toNanos();
    }

    @Override
    public Exchange aggregate(Exchange batch, Exchange incoming) {
        Exchange result = strategy.aggregate(batch, incoming);
        if (result != null && !numbers.containsKey(result.getExchangeId())) {
            opened(result.getExchangeId());
        }
        return result;
    }

    private synchronized void opened(String batchId) {
        long number = next++;
        numbers.put(batchId, number);
        unfinished.put(number, Boolean.FALSE);
    }

    /**
     * The batch's first step: waits until every batch opened before it has finished. Returns at
     * once for a batch not numbered here; an interrupt ends the wait (the thread is being stopped).
     */
    public void awaitTurn(Exchange batch) {
        String batchId = batch.getExchangeId();
        Long number = numbers.get(batchId);
        if (number == null) {
            return;
        }
        synchronized (this) {
            Boolean started = unfinished.get(number);
            if (started == null) {
                return; // passed over, or finished (a redelivered step)
            }
            if (!started) {
                unfinished.put(number, Boolean.TRUE);
                batch.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                    @Override
                    public void onDone(Exchange exchange) {
                        finished(batchId, number);
                    }
                });
                notifyAll(); // a later batch may be waiting to see whether this one comes
            }
            try {
                waitForEarlier(number);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called holding this: returns once no batch numbered below {@code number} is unfinished. */
    private void waitForEarlier(long number) throws InterruptedException {
        long waitingFor = -1;
        long deadline = 0;
        while (true) {
            Map.Entry<Long, Boolean> first = unfinished.firstEntry();
            if (first.getKey() >= number) {
                return;
            }
            if (first.getValue()) {
                wait(); // under way: it finishes, succeeded or failed
                continue;
            }
            if (first.getKey() != waitingFor) { // the grace counts from when it is the one waited for
                waitingFor = first.getKey();
                deadline = System.nanoTime() + graceNanos;
            }
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } else {
                passOver(waitingFor);
            }
        }
    }

    private void passOver(long lost) {
        unfinished.remove(lost);
        numbers.values().remove(lost);
        LOG.warn("Batch {} never started its steps within {} ms of a later one; the later batches go on without it",
                lost, TimeUnit.NANOSECONDS.toMillis(graceNanos));
    }

    private synchronized void finished(String batchId, long number) {
        numbers.remove(batchId);
        unfinished.remove(number);
        notifyAll();
    }

    /** Batches opened and not yet finished (for tests and diagnostics). */
    public synchronized int unfinished() {
        return unfinished.size();
    }

    @Override
    public void onCompletion(Exchange exchange) {
        strategy.onCompletion(exchange);
    }

    @Override
    public void onCompletion(Exchange exchange, Exchange inputExchange) {
        strategy.onCompletion(exchange, inputExchange);
    }

    @Override
    public void timeout(Exchange exchange, int index, int total, long timeout) {
        strategy.timeout(exchange, index, total, timeout);
    }

    @Override
    public boolean canPreComplete() {
        return strategy.canPreComplete();
    }

    @Override
    public boolean preComplete(Exchange oldExchange, Exchange newExchange) {
        return strategy.preComplete(oldExchange, newExchange);
    }

    @Override
    public void onOptimisticLockFailure(Exchange oldExchange, Exchange newExchange) {
        strategy.onOptimisticLockFailure(oldExchange, newExchange);
    }
}
