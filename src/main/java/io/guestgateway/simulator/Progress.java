package io.guestgateway.simulator;

import io.vertx.core.Promise;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Once a second: the progress line (rewritten in place on a terminal, one line each otherwise)
 * and the stall watchdog, which ends the run when no frame went out for {@code stallLimit}.
 */
final class Progress {

    private final List<GuestConnection> connections;
    private final PrintStream out;
    private final Duration stallLimit;
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
        this.total = connections.stream().mapToLong(GuestConnection::size).sum();
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
