package io.guestgateway.cxone.ws;

import io.guestgateway.cxone.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the CXone subscription is doing, for health checks and metrics. Written by the connection
 * loop, read by anyone; thread-safe. Close reasons come from the server and are stored escaped.
 */
public class SubscriptionStatus {

    public enum State {
        CONNECTING("connecting"), AUTHENTICATED("authenticated"), BACKING_OFF("backing-off"), STOPPED("stopped");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One consistent view. {@code lastCloseCode} is null until a connection has closed;
     * {@code lastBackoff} is the most recent reconnect wait (null before the first), which is the
     * current one while backing off.
     */
    public record Snapshot(State state, Instant since, long reconnects, long frames, Integer lastCloseCode,
            String lastCloseReason, Duration lastBackoff) {
    }

    private final Clock clock;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private volatile Snapshot snapshot;

    public SubscriptionStatus() {
        this(Clock.systemUTC());
    }

    public SubscriptionStatus(Clock clock) {
        this.clock = clock;
        this.snapshot = new Snapshot(State.STOPPED, clock.instant(), 0, 0, null, null, null);
    }

    public Snapshot snapshot() {
        Snapshot s = snapshot;
        return new Snapshot(s.state(), s.since(), reconnects.get(), frames.get(), s.lastCloseCode(),
                s.lastCloseReason(), s.lastBackoff());
    }

    public State state() {
        return snapshot.state();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long frames() {
        return frames.get();
    }

    void connecting(boolean reconnect) {
        if (reconnect) {
            reconnects.incrementAndGet();
        }
        move(State.CONNECTING, null);
    }

    void authenticated() {
        move(State.AUTHENTICATED, null);
    }

    void backingOff(Duration delay) {
        move(State.BACKING_OFF, delay);
    }

    void stopped() {
        move(State.STOPPED, null);
    }

    void frameReceived() {
        frames.incrementAndGet();
    }

    synchronized void closed(Integer code, String reason) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(s.state(), s.since(), 0, 0, code, reason == null ? null : LogSafe.escape(reason, 123),
                s.lastBackoff());
    }

    private synchronized void move(State state, Duration backoff) {
        Snapshot s = snapshot;
        Instant since = s.state() == state ? s.since() : clock.instant();
        snapshot = new Snapshot(state, since, 0, 0, s.lastCloseCode(), s.lastCloseReason(),
                backoff != null ? backoff : s.lastBackoff());
    }

    @Override
    public String toString() {
        Snapshot s = snapshot();
        return "SubscriptionStatus[" + s.state().label() + " since " + s.since() + ", reconnects=" + s.reconnects()
                + ", frames=" + s.frames() + ", lastClose=" + s.lastCloseCode() + "]";
    }
}
