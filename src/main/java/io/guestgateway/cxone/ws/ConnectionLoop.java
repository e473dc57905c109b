package io.guestgateway.cxone.ws;

import io.guestgateway.cxone.AccessTokens;
import io.guestgateway.cxone.LogSafe;
import io.guestgateway.cxone.TlsFailure;
import io.guestgateway.cxone.TlsTrust;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription's state machine. Every field is touched on one Vert.x context only, so there
 * is no locking, and exactly one of these holds at any time: a connection attempt is in flight, a
 * {@link Link} is open, a reconnect timer is pending, or the loop is stopped. An attempt carries
 * the generation it started in; one overtaken by a stop is ignored, and a socket it opened closed.
 */
final class ConnectionLoop implements FrameDispatcher.FlowControl, Link.Listener {

    interface FrameSink {
        void accept(String text, long receivedAt);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLoop.class);

    private final Vertx vertx;
    private final Context context;
    private final WebSocketClient client;
    private final SubscriptionSettings settings;
    private final TlsTrust trust;
    private final AccessTokens tokens;
    private final SubscriptionStatus status;
    private final FrameSink sink;
    private final Backoff backoff;

    private boolean running;
    private long generation;
    private boolean attemptInFlight;
    private boolean connectedBefore;
    private Link link;
    private String refusedToken;
    private long reconnectTimer = -1;
    private int failures;
    private boolean inputPaused;

    ConnectionLoop(Vertx vertx, WebSocketClient client, SubscriptionSettings settings, TlsTrust trust,
            AccessTokens tokens, SubscriptionStatus status, FrameSink sink) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = client;
        this.settings = settings;
        this.trust = trust;
        this.tokens = tokens;
        this.status = status;
        this.sink = sink;
        this.backoff = new Backoff(settings.reconnectInitialDelay(), settings.reconnectMaxDelay(), new Random());
    }

    void start() {
        context.runOnContext(v -> {
            running = true;
            connect();
        });
    }

    /** Stops for good: no reconnect after this, and the open link (if any) is closed. */
    Future<Void> stop() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            running = false;
            generation++;
            attemptInFlight = false;
            vertx.cancelTimer(reconnectTimer);
            reconnectTimer = -1;
            status.stopped();
            Link open = link;
            link = null;
            (open == null ? Future.<Void>succeededFuture() : open.shutdown("gateway stopping"))
                    .onComplete(ar -> done.tryComplete());
        });
        return done.future();
    }

    @Override
    public void pauseInput() {
        onContext(() -> {
            inputPaused = true;
            if (link != null) {
                link.pause();
            }
        });
    }

    @Override
    public void resumeInput() {
        onContext(() -> {
            inputPaused = false;
            if (link != null) {
                link.resume();
            }
        });
    }

    @Override
    public void authenticated(Link l) {
        if (l == link) {
            status.authenticated();
            LOG.info("cxone-ws authenticated");
        }
    }

    @Override
    public void frame(Link l, String text, long receivedAt) {
        if (l == link) {
            status.frameReceived();
            sink.accept(text, receivedAt);
        }
    }

    @Override
    public void refused(Link l) {
        LOG.warn("CXone refused the auth frame; reconnecting with a fresh token");
        refusedToken = l.token();
    }

    @Override
    public void closed(Link l, Short code, String reason) {
        if (l != link) {
            return;
        }
        link = null;
        status.closed(code == null ? null : (int) code, reason);
        if (code != null && (code == 4401 || code == 1008)) {
            refusedToken = l.token();  // expired or revoked: the next attempt fetches a fresh one
        }
        if (l.wasStable(System.nanoTime())) {
            failures = 0;
        }
        LOG.warn("cxone-ws closed (code {}, reason '{}')", code, LogSafe.escape(reason, 123));
        scheduleReconnect();
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
        // setTimeout bounds the upgrade handshake only; Vert.x cancels it once the socket is open
        WebSocketConnectOptions options = CxoneWsClientOptions.connect(settings.wsUrl(), settings.connectTimeout());
        client.connect(options).onComplete(ar -> {
            if (gen != generation) {
                if (ar.succeeded()) {
                    ar.result().close((short) 1000, "stale connection");
                }
                return;
            }
            attemptInFlight = false;
            if (ar.failed()) {
                if (ar.cause() instanceof UpgradeRejectedException rejected && rejected.getStatus() == 401) {
                    refusedToken = token;
                }
                attemptFailed("connect to " + settings.wsUrl() + " failed: "
                        + TlsFailure.explain(ar.cause(), settings.wsUrl().getHost(), trust)
                                .orElseGet(() -> LogSafe.describe(ar.cause())));
                return;
            }
            link = new Link(vertx, ar.result(), token, settings, this);
            LOG.info("cxone-ws connected to {}; sending the auth frame", settings.wsUrl());
            link.start(inputPaused);
        });
    }

    private void attemptFailed(String reason) {
        attemptInFlight = false;
        LOG.warn("cxone-ws {}", reason);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (!running || attemptInFlight || link != null || reconnectTimer >= 0) {
            return;
        }
        Duration delay = backoff.delay(failures);
        failures = Math.min(failures + 1, 40);
        status.backingOff(delay);
        reconnectTimer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
            reconnectTimer = -1;
            if (running && link == null && !attemptInFlight) {
                connect();
            }
        });
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
