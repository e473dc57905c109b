package io.guestgateway.cxone.ws;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves frames off the Vert.x event loop to worker threads, because the route blocks (durable
 * sends). Memory stays bounded by backpressure, not by dropping: at {@code maxPending} waiting
 * frames the socket is paused (TCP then pushes back on CXone) and resumed at half that.
 */
final class FrameDispatcher {

    interface FrameProcessor {
        void process(String text, long receivedAt);
    }

    interface FlowControl {
        void pauseInput();

        void resumeInput();
    }

    private record Frame(String text, long receivedAt) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FrameDispatcher.class);

    private final LinkedBlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final ExecutorService workers;
    private final int maxPending;
    private final FrameProcessor processor;
    private final FlowControl flow;
    private volatile boolean stopping;

    FrameDispatcher(ExecutorService workers, int maxPending, FrameProcessor processor, FlowControl flow) {
        this.workers = workers;
        this.maxPending = maxPending;
        this.processor = processor;
        this.flow = flow;
    }

    void start(int threads) {
        for (int i = 0; i < threads; i++) {
            workers.execute(this::work);
        }
    }

    /** Called on the event loop for each data frame; never blocks. */
    void accept(String text, long receivedAt) {
        queue.add(new Frame(text, receivedAt));
        if (pending.incrementAndGet() >= maxPending && paused.compareAndSet(false, true)) {
            flow.pauseInput();
            // the workers may have drained past the resume mark while this thread was descheduled
            // between the count and the pause; none of them would resume the socket then
            resumeIfDrained();
        }
    }

    private void resumeIfDrained() {
        if (pending.get() <= maxPending / 2 && paused.compareAndSet(true, false)) {
            flow.resumeInput();
        }
    }

    int pending() {
        return pending.get();
    }

    boolean paused() {
        return paused.get();
    }

    /** Lets the workers finish what is queued (the socket is closed by now), up to {@code drain}. */
    void stop(Duration drain) throws InterruptedException {
        stopping = true;
        workers.shutdown();
        if (!workers.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
            LOG.warn("cxone-ws stopped with {} frames not yet handed to the route", pending.get());
        }
    }

    private void work() {
        while (true) {
            Frame frame;
            try {
                frame = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (frame == null) {
                if (stopping) {
                    return;
                }
                continue;
            }
            try {
                processor.process(frame.text(), frame.receivedAt());
            } catch (RuntimeException e) {
                LOG.warn("cxone-ws frame handling failed: {}", e.getClass().getName());
            } finally {
                pending.decrementAndGet();
                resumeIfDrained();
            }
        }
    }
}
