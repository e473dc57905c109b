package io.guestgateway.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Web Messaging WebSocket (docs/cxone-contract.md §2) as a hub: the first frame must authenticate, and each
 * message frame an authenticated connection sends goes, unchanged, to every other authenticated
 * connection. That is how the simulator's guests reach the gateway.
 * <p>
 * Relay applies backpressure instead of buffering: when a receiver's write queue is full, the
 * sending socket is paused (TCP then pushes back on the sender) until every receiver it waits for
 * has drained. All state here is touched on the sandbox's one event loop only; the counters are
 * atomics because tests read them from their own threads.
 * <p>
 * Sandbox extension: an auth frame with {@code "role":"guest"} marks a send-only connection that
 * receives no relayed frames, so simulator connections do not flood each other.
 */
final class WebSocketHub implements Handler<ServerWebSocket> {

    static final String PATH = "/webchat/v1/ws";
    static final short CLOSE_BAD_TOKEN = 4401;
    static final short CLOSE_POLICY = 1008;
    static final String READ_SCOPE = "webchat:read";
    private static final String AUTH_OK = new JsonObject().put("type", "auth").put("status", "ok").encode();

    private final Vertx vertx;
    private final TokenStore tokens;
    private final Duration authTimeout;
    private final Set<HubPeer> peers = new LinkedHashSet<>();
    private final List<HubPeer> receivers = new ArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger authenticated = new AtomicInteger();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder relayed = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    WebSocketHub(Vertx vertx, TokenStore tokens, Duration authTimeout) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.authTimeout = authTimeout;
    }

    @Override
    public void handle(ServerWebSocket ws) {
        if (!PATH.equals(ws.path())) {
            ws.reject(404);
            return;
        }
        HubPeer peer = new HubPeer(ws);
        peers.add(peer);
        open.incrementAndGet();
        peer.authTimer = vertx.setTimer(authTimeout.toMillis(), id -> {
            if (!peer.authenticated) {
                refuse(peer, CLOSE_POLICY, "no auth frame in time");
            }
        });
        ws.textMessageHandler(text -> onText(peer, text));
        ws.binaryMessageHandler(data -> {
            if (!peer.authenticated) {
                refuse(peer, CLOSE_BAD_TOKEN, "first frame must be the auth frame");
            }
        });
        ws.exceptionHandler(e -> { }); // resets and half-closed sockets are routine for a test double
        ws.closeHandler(v -> onClose(peer));
    }

    private void onText(HubPeer peer, String text) {
        if (peer.closing) {
            return;
        }
        if (!peer.authenticated) {
            authenticate(peer, text);
        } else if (HubFrameKind.relayable(text)) {
            relay(peer, text);
        }
    }

    private void authenticate(HubPeer peer, String text) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException | ClassCastException notAnObject) {
            refuse(peer, CLOSE_BAD_TOKEN, "first frame must be the auth frame");
            return;
        }
        if (!"auth".equals(frame.getValue("type")) || !(frame.getValue("token") instanceof String token)) {
            refuse(peer, CLOSE_BAD_TOKEN, "first frame must be the auth frame");
            return;
        }
        TokenStore.Verdict verdict = tokens.check(token);
        if (verdict != TokenStore.Verdict.VALID) {
            refuse(peer, CLOSE_BAD_TOKEN, verdict == TokenStore.Verdict.EXPIRED ? "token expired" : "invalid token");
            return;
        }
        if (!tokens.hasScope(token, READ_SCOPE)) {
            refuse(peer, CLOSE_BAD_TOKEN, "token lacks scope " + READ_SCOPE);
            return;
        }
        vertx.cancelTimer(peer.authTimer);
        peer.authenticated = true;
        authenticated.incrementAndGet();
        if (!"guest".equals(frame.getValue("role"))) {
            receivers.add(peer);
            peer.ws.drainHandler(v -> peer.release());
        }
        peer.ws.writeTextMessage(AUTH_OK);
    }

    private void relay(HubPeer sender, String text) {
        boolean delivered = false;
        for (HubPeer receiver : receivers) {
            if (receiver != sender && !receiver.closing) {
                receiver.deliver(text, sender);
                delivered = true;
                relayed.increment();
            }
        }
        if (!delivered) {
            dropped.increment();
        }
    }

    private void onClose(HubPeer peer) {
        vertx.cancelTimer(peer.authTimer);
        if (!peers.remove(peer)) {
            return;
        }
        open.decrementAndGet();
        if (peer.authenticated) {
            authenticated.decrementAndGet();
            receivers.remove(peer);
        }
        peer.release();
        // a sender that closed while paused stays known to its receivers: Vert.x acts on a close
        // frame as soon as it reads it, but the frames read before it still wait in the paused
        // connection; the receivers' drain resumes it and they are relayed in the order written
        if (!peer.isBlocked()) {
            peer.forget();
        }
    }

    private void refuse(HubPeer peer, short code, String reason) {
        rejected.increment();
        peer.closing = true;
        peer.ws.close(code, reason);
    }

    /** Closes every connection with {@code code}; call on the event loop. */
    void closeAll(short code) {
        for (HubPeer peer : List.copyOf(peers)) {
            peer.closing = true;
            peer.ws.close(code, "closed by the sandbox");
        }
    }

    int open() {
        return open.get();
    }

    int authenticated() {
        return authenticated.get();
    }

    long rejected() {
        return rejected.sum();
    }

    long relayed() {
        return relayed.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    void resetCounts() {
        rejected.reset();
        relayed.reset();
        dropped.reset();
    }
}
