package io.guestgateway.cxone.ws;

import io.guestgateway.cxone.AccessTokens;
import io.guestgateway.cxone.LogSafe;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription's state machine. Every field is touched on one Vert.x context only, so there
 * is no locking, and exactly one of these holds at any time: a connection attempt is in flight, a
 * socket is open, a reconnect timer is pending, or the loop is stopped. Callbacks carry the
 * generation they belong to; a callback of an older generation (an attempt overtaken by a stop)
 * is ignored, and a socket it opened is closed.
 */
final class ConnectionLoop implements FrameDispatcher.FlowControl {

    interface FrameSink {
        void accept(String text, long receivedAt);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLoop.class);
    private static final short NORMAL = 1000;
    private static final short GOING_AWAY = 1001;

    private final Vertx vertx;
    private final Context context;
    private final WebSocketClient client;
    private final SubscriptionSettings settings;
    private final AccessTokens tokens;
    private final SubscriptionStatus status;
    private final FrameSink sink;
    private final Backoff backoff;

    private boolean running;
    private long generation;
    private boolean attemptInFlight;
    private boolean connectedBefore;
    private WebSocket socket;
    private String socketToken;
    private String refusedToken;
    private long reconnectTimer = -1;
    private long heartbeatTimer = -1;
    private long authTimer = -1;
    private int failures;
    private long lastSignNanos;
    private long authenticatedNanos = -1;
    private boolean inputPaused;

    ConnectionLoop(Vertx vertx, WebSocketClient client, SubscriptionSettings settings, AccessTokens tokens,
            SubscriptionStatus status, FrameSink sink) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = client;
        this.settings = settings;
        this.tokens = tokens;
        this.status = status;
        this.sink = sink;
        this.backoff = new Backoff(settings.reconnectInitialDelay(), settings.reconnectMaxDelay(),
                new Random());
    }

    void start() {
        context.runOnContext(v -> {
            running = true;
            connect();
        });
    }

    /** Stops for good: no reconnect after this, and the open socket (if any) is closed. */
    Future<Void> stop() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            running = false;
            generation++;
            attemptInFlight = false;
            cancelTimers();
            vertx.cancelTimer(reconnectTimer);
            reconnectTimer = -1;
            status.stopped();
            WebSocket ws = socket;
            socket = null;
            if (ws != null && !ws.isClosed()) {
                ws.close(NORMAL, "gateway stopping").onComplete(ar -> done.tryComplete());
            } else {
                done.tryComplete();
            }
        });
        return done.future();
    }

    @Override
    public void pauseInput() {
        onContext(() -> {
            inputPaused = true;
            if (socket != null) {
                socket.pause();
            }
        });
    }

    @Override
    public void resumeInput() {
        onContext(() -> {
            inputPaused = false;
            lastSignNanos = System.nanoTime();  // pongs were held back while paused
            if (socket != null) {
                socket.resume();
            }
        });
    }

    private void connect() {
        long gen = ++generation;
        attemptInFlight = true;
        status.connecting(connectedBefore);
        connectedBefore = true;
        String refused = refusedToken;
        refusedToken = null;
        // token calls block (HTTP), so they run on a Vert.x worker; the result comes back here
        context.<String>executeBlocking(() -> {
            if (refused != null) {
                tokens.invalidate(refused);
            }
            return tokens.token();
        }, false).onComplete(ar -> {
            if (gen != generation) {
                return;
            }
            if (ar.failed()) {
                attemptFailed("no CXone token: " + LogSafe.describe(ar.cause()));
            } else {
                open(gen, ar.result());
            }
        });
    }

    private void open(long gen, String token) {
        long timeout = settings.connectTimeout().toMillis();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(settings.wsUrl().getHost()).setPort(settings.port()).setSsl(settings.ssl())
                .setURI(settings.requestUri()).setConnectTimeout(timeout).setTimeout(timeout);
        client.connect(options).onComplete(ar -> {
            if (gen != generation) {
                if (ar.succeeded()) {
                    ar.result().close(NORMAL, "stale connection");
                }
                return;
            }
            if (ar.failed()) {
                if (ar.cause() instanceof UpgradeRejectedException rejected && rejected.getStatus() == 401) {
                    refusedToken = token;
                }
                attemptFailed("connect to " + settings.wsUrl() + " failed: " + LogSafe.describe(ar.cause()));
            } else {
                opened(gen, ar.result(), token);
            }
        });
    }

    private void opened(long gen, WebSocket ws, String token) {
        attemptInFlight = false;
        socket = ws;
        socketToken = token;
        authenticatedNanos = -1;
        lastSignNanos = System.nanoTime();
        ws.textMessageHandler(text -> onText(gen, text));
        ws.binaryMessageHandler(b -> LOG.debug("cxone-ws ignored a binary frame of {} bytes", b.length()));
        ws.pongHandler(b -> lastSignNanos = System.nanoTime());
        ws.exceptionHandler(e -> onError(gen, ws, e));
        ws.closeHandler(v -> onClose(gen, ws));
        if (inputPaused) {
            ws.pause();
        }
        ws.writeTextMessage(AuthFrames.auth(token)).onFailure(e -> onError(gen, ws, e));
        heartbeatTimer = vertx.setPeriodic(settings.heartbeatInterval().toMillis(), id -> heartbeat(gen, ws));
        // a server that never answers the auth frame but keeps the socket open has accepted it
        authTimer = vertx.setTimer(settings.connectTimeout().toMillis(), id -> {
            authTimer = -1;
            if (gen == generation && socket == ws && authenticatedNanos < 0) {
                authenticated();
            }
        });
        LOG.info("cxone-ws connected to {}; auth frame sent", settings.wsUrl());
        if (ws.isClosed()) {
            onClose(gen, ws);  // closed before the handlers were in place
        }
    }

    private void onText(long gen, String text) {
        if (gen != generation) {
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
                LOG.warn("CXone refused the auth frame; closing to reconnect with a fresh token");
                refusedToken = socketToken;
                socket.close(NORMAL, "auth refused");
            }
            case NOT_AUTH -> {
                if (authenticatedNanos < 0) {
                    authenticated();  // data flows only after CXone accepted the token
                }
                status.frameReceived();
                sink.accept(text, receivedAt);
            }
        }
    }

    private void authenticated() {
        authenticatedNanos = System.nanoTime();
        vertx.cancelTimer(authTimer);
        authTimer = -1;
        status.authenticated();
        LOG.info("cxone-ws authenticated");
    }

    private void onError(long gen, WebSocket ws, Throwable error) {
        boolean current = gen == generation && socket == ws;
        if (current && !(error instanceof HttpClosedException)) {
            LOG.warn("cxone-ws connection error: {}", LogSafe.describe(error));
        } else {
            LOG.debug("cxone-ws connection error: {}", LogSafe.describe(error));  // the close handler reports it
        }
        if (current && !ws.isClosed()) {
            ws.close(GOING_AWAY, "client error");
        }
    }

    private void onClose(long gen, WebSocket ws) {
        if (gen != generation || socket != ws) {
            return;
        }
        socket = null;
        cancelTimers();
        Short code = ws.closeStatusCode();
        status.closed(code == null ? null : (int) code, ws.closeReason());
        if (code != null && (code == 4401 || code == 1008)) {
            refusedToken = socketToken;  // expired or revoked: the next attempt fetches a fresh one
        }
        if (authenticatedNanos >= 0 && System.nanoTime() - authenticatedNanos >= settings.stableAfter().toNanos()) {
            failures = 0;
        }
        socketToken = null;
        LOG.warn("cxone-ws closed (code {}, reason '{}')", code, LogSafe.escape(ws.closeReason(), 123));
        scheduleReconnect();
    }

    private void heartbeat(long gen, WebSocket ws) {
        if (gen != generation || socket != ws) {
            return;
        }
        long silentNanos = System.nanoTime() - lastSignNanos;
        if (!inputPaused && silentNanos >= settings.pongTimeout().toNanos()) {
            LOG.warn("cxone-ws heard nothing for {} ms; closing to reconnect", silentNanos / 1_000_000);
            vertx.cancelTimer(heartbeatTimer);
            heartbeatTimer = -1;
            ws.close(GOING_AWAY, "heartbeat timeout");
            return;
        }
        ws.writePing(Buffer.buffer("hb"));
    }

    private void attemptFailed(String reason) {
        attemptInFlight = false;
        LOG.warn("cxone-ws {}", reason);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (!running || attemptInFlight || socket != null || reconnectTimer >= 0) {
            return;
        }
        Duration delay = backoff.delay(failures);
        failures = Math.min(failures + 1, 40);
        status.backingOff(delay);
        reconnectTimer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
            reconnectTimer = -1;
            if (running && socket == null && !attemptInFlight) {
                connect();
            }
        });
    }

    private void cancelTimers() {
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(authTimer);
        heartbeatTimer = -1;
        authTimer = -1;
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
