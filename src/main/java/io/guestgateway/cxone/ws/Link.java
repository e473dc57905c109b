package io.guestgateway.cxone.ws;

import io.guestgateway.cxone.LogSafe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open connection, from the auth frame to its close: auth answer, heartbeat, pause and resume.
 * Runs on the loop's Vert.x context only. It reports to its {@link Listener} until it has ended,
 * and {@code closed} exactly once (not at all after {@link #shutdown}).
 */
final class Link {

    interface Listener {
        void authenticated(Link link);

        void frame(Link link, String text, long receivedAt);

        /** CXone answered the auth frame with something other than ok; the link closes itself. */
        void refused(Link link);

        void closed(Link link, Short code, String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Link.class);
    private static final short NORMAL = 1000;
    private static final short GOING_AWAY = 1001;

    private final Vertx vertx;
    private final WebSocket ws;
    private final String token;
    private final SubscriptionSettings settings;
    private final Listener listener;
    private long heartbeatTimer = -1;
    private long authTimer = -1;
    private long lastSignNanos = System.nanoTime();
    private long authenticatedNanos = -1;
    private boolean paused;
    private boolean ended;

    Link(Vertx vertx, WebSocket ws, String token, SubscriptionSettings settings, Listener listener) {
        this.vertx = vertx;
        this.ws = ws;
        this.token = token;
        this.settings = settings;
        this.listener = listener;
    }

    /** Wires the handlers and sends the auth frame at once. */
    void start(boolean startPaused) {
        ws.textMessageHandler(this::onText);
        ws.binaryMessageHandler(b -> LOG.debug("cxone-ws ignored a binary frame of {} bytes", b.length()));
        ws.pongHandler(b -> lastSignNanos = System.nanoTime());
        ws.exceptionHandler(this::onError);
        ws.closeHandler(v -> onClose());
        if (startPaused) {
            pause();
        }
        ws.writeTextMessage(AuthFrames.auth(token)).onFailure(this::onError);
        heartbeatTimer = vertx.setPeriodic(settings.heartbeatInterval().toMillis(), id -> heartbeat());
        // a server that never answers the auth frame but keeps the socket open has accepted it
        authTimer = vertx.setTimer(settings.connectTimeout().toMillis(), id -> {
            authTimer = -1;
            if (!ended && authenticatedNanos < 0) {
                authenticated();
            }
        });
        if (ws.isClosed()) {
            onClose();  // closed before the handlers were in place
        }
    }

    String token() {
        return token;
    }

    /** Authenticated and open for at least {@code stableAfter} (at the time it closed, once closed). */
    boolean wasStable(long closedNanos) {
        return authenticatedNanos >= 0 && closedNanos - authenticatedNanos >= settings.stableAfter().toNanos();
    }

    void pause() {
        paused = true;
        ws.pause();
    }

    void resume() {
        paused = false;
        lastSignNanos = System.nanoTime();  // pongs were held back while paused
        ws.resume();
    }

    /** Closes without reporting back: the loop is stopping. */
    Future<Void> shutdown(String reason) {
        ended = true;
        cancelTimers();
        return ws.isClosed() ? Future.succeededFuture() : ws.close(NORMAL, reason);
    }

    private void onText(String text) {
        if (ended) {
            return;
        }
        long receivedAt = System.currentTimeMillis();
        lastSignNanos = System.nanoTime();
        switch (AuthFrames.classify(text)) {
            case ACCEPTED -> {
                if (authenticatedNanos < 0) {
                    authenticated();
                }
            }
            case REFUSED -> {
                listener.refused(this);
                ws.close(NORMAL, "auth refused");
            }
            case NOT_AUTH -> {
                if (authenticatedNanos < 0) {
                    authenticated();  // data flows only after CXone accepted the token
                }
                listener.frame(this, text, receivedAt);
            }
        }
    }

    private void authenticated() {
        authenticatedNanos = System.nanoTime();
        vertx.cancelTimer(authTimer);
        authTimer = -1;
        listener.authenticated(this);
    }

    private void heartbeat() {
        long silentNanos = System.nanoTime() - lastSignNanos;
        if (!paused && silentNanos >= settings.pongTimeout().toNanos()) {
            LOG.warn("cxone-ws heard nothing for {} ms; closing to reconnect", silentNanos / 1_000_000);
            cancelTimers();
            ws.close(GOING_AWAY, "heartbeat timeout");
            return;
        }
        ws.writePing(Buffer.buffer("hb"));
    }

    private void onError(Throwable error) {
        if (ended || error instanceof HttpClosedException) {
            LOG.debug("cxone-ws connection error: {}", LogSafe.describe(error));  // the close is reported anyway
            return;
        }
        LOG.warn("cxone-ws connection error: {}", LogSafe.describe(error));
        if (!ws.isClosed()) {
            ws.close(GOING_AWAY, "client error");
        }
    }

    private void onClose() {
        if (ended) {
            return;
        }
        ended = true;
        cancelTimers();
        listener.closed(this, ws.closeStatusCode(), ws.closeReason());
    }

    private void cancelTimers() {
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(authTimer);
        heartbeatTimer = -1;
        authTimer = -1;
    }
}
