package io.guestgateway.cxone.ws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves frames off the Vert.x event loop to worker threads, because the route blocks (durable
 * sends). Each worker drains one lane, and a frame's lane is picked by a hash of its
 * conversationId ({@link ConversationKey}): one conversation's frames reach the route one at a
 * time, in the order CXone sent them, while other conversations are screened in parallel. Frames
 * without a key take the lanes in turn. Memory stays bounded by backpressure, not by dropping: at
 * {@code maxPending} waiting frames (all lanes) the socket is paused (TCP then pushes back on
 * CXone) and resumed at half that.
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

    private final List<BlockingQueue<Frame>> lanes;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final ExecutorService workers;
    private final int maxPending;
    private final FrameProcessor processor;
    private final FlowControl flow;
    private volatile boolean stopping;
    private int nextKeyless; // event loop only

    /** {@code workers} must have a thread for each of the {@code lanes}. */
    FrameDispatcher(ExecutorService workers, int lanes, int maxPending, FrameProcessor processor, FlowControl flow) {
        List<BlockingQueue<Frame>> queues = new ArrayList<>(lanes);
        for (int i = 0; i < lanes; i++) {
            queues.add(new LinkedBlockingQueue<>());
        }
        this.lanes = List.copyOf(queues);
        this.workers = workers;
        this.maxPending = maxPending;
        this.processor = processor;
        this.flow = flow;
    }

    void start() {
        for (BlockingQueue<Frame> lane : lanes) {
            workers.execute(() -> work(lane));
        }
    }

    /** Called on the event loop for each data frame; never blocks. */
    void accept(String text, long receivedAt) {
        lanes.get(laneOf(text)).add(new Frame(text, receivedAt));
        if (pending.incrementAndGet() >= maxPending && paused.compareAndSet(false, true)) {
            flow.pauseInput();
            // the workers may have drained past the resume mark while this thread was descheduled
            // between the count and the pause; none of them would resume the socket then
            resumeIfDrained();
        }
    }

    private int laneOf(String text) {
        int count = lanes.size();
        if (count == 1) {
            return 0;
        }
        int hash = ConversationKey.hash(text);
        if (hash != ConversationKey.NONE) {
            return hash % count;
        }
        int lane = nextKeyless;
        nextKeyless = lane + 1 == count ? 0 : lane + 1;
        return lane;
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

    private void work(BlockingQueue<Frame> lane) {
        while (true) {
            Frame frame;
            try {
                frame = lane.poll(100, TimeUnit.MILLISECONDS);
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
