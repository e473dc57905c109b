package io.guestgateway.sandbox;

import io.vertx.core.http.ServerWebSocket;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One connection of the {@link WebSocketHub}, and the backpressure bookkeeping between connections:
 * a sender is paused while at least one receiver it wrote to has a full write queue. Touched on the
 * sandbox's event loop only.
 */
final class HubPeer {

    final ServerWebSocket ws;
    boolean authenticated;
    boolean closing;
    long authTimer;
    /** receivers this sender waits for */
    private final Set<HubPeer> blockedBy = new LinkedHashSet<>();
    /** senders waiting for this receiver to drain */
    private final Set<HubPeer> waiters = new LinkedHashSet<>();

    HubPeer(ServerWebSocket ws) {
        this.ws = ws;
    }

    /** Writes {@code text} to this receiver; pauses {@code sender} if that filled the write queue. */
    void deliver(String text, HubPeer sender) {
        ws.writeTextMessage(text);
        if (ws.writeQueueFull() && sender.blockedBy.add(this)) {
            waiters.add(sender);
            if (sender.blockedBy.size() == 1) {
                sender.ws.pause();
            }
        }
    }

    /** This receiver drained or left: senders that waited for it alone read again. */
    void release() {
        for (HubPeer sender : waiters) {
            sender.blockedBy.remove(this);
            if (sender.blockedBy.isEmpty() && !sender.closing) {
                sender.ws.resume();
            }
        }
        waiters.clear();
    }

    /** Whether this sender is paused, waiting for a receiver to drain. */
    boolean isBlocked() {
        return !blockedBy.isEmpty();
    }

    /** This sender left: its receivers stop keeping it in mind. */
    void forget() {
        for (HubPeer receiver : blockedBy) {
            receiver.waiters.remove(this);
        }
        blockedBy.clear();
    }
}
