package io.guestgateway.simulator;

import io.vertx.core.Promise;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Once a second: the progress line (rewritten in place on a terminal, one line each otherwise)
 * and the stall watchdog, which ends the run when no frame went out for {@code stallLimit}, or
 * when the server has not answered a connection's close frame {@value #CLOSE_LIMIT_FACTOR} times
 * that long after it was sent.
 */
final class Progress {

    static final int CLOSE_LIMIT_FACTOR = 4;

    private final List<GuestConnection> connections;
    private final PrintStream out;
    private final Duration stallLimit;
    private final Duration closeLimit;
    private final long total;
    private final boolean terminal = System.console() != null;
    private final long startNanos = System.nanoTime();
    private long lastSent = -1;
    private long lastChangeNanos = System.nanoTime();
    private boolean printed;

    Progress(List<GuestConnection> connections, PrintStream out, Duration stallLimit) {
        this.connections = connections;
        this.out = out;
        this.stallLimit = stallLimit;
        // frames in socket buffers reach a slow server after the last write: give it time to read them
        this.closeLimit = closeLimit(stallLimit);
        this.total = connections.stream().mapToLong(GuestConnection::size).sum();
    }

    /** How long a connection may wait for the server's answer to its close frame. */
    static Duration closeLimit(Duration stallLimit) {
        return stallLimit.multipliedBy(CLOSE_LIMIT_FACTOR);
    }

    void tick(Promise<Void> done) {
        long sent = connections.stream().mapToLong(GuestConnection::sent).sum();
        long now = System.nanoTime();
        if (sent != lastSent) {
            lastSent = sent;
            lastChangeNanos = now;
        } else if (sent < total && now - lastChangeNanos > stallLimit.toNanos()) {
            done.tryFail(new SimulatorException("stalled: no frame accepted for " + stallLimit.toSeconds()
                    + " s after " + sent + " of " + total + " frames"));
        }
        for (GuestConnection connection : connections) {
            long closeSent = connection.closeSentNanos();
            if (closeSent >= 0 && !connection.isFinished() && now - closeSent > closeLimit.toNanos()) {
                done.tryFail(new SimulatorException("the server did not answer the close frame within "
                        + closeLimit.toSeconds() + " s: it may not have read every frame sent"));
            }
        }
        if (out != null) {
            double seconds = (now - startNanos) / 1e9;
            String line = String.format(Locale.ROOT, "simulate: %,d / %,d frames  %,.0f frames/s  %.0f s",
                    sent, total, seconds > 0 ? sent / seconds : 0, seconds);
            out.print(terminal ? "\r" + line : line + System.lineSeparator());
            out.flush();
            printed = true;
        }
    }

    void end() {
        if (out != null && printed && terminal) {
            out.println();
        }
    }
}
