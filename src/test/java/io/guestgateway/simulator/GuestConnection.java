package io.guestgateway.simulator;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulator WebSocket: connect, send the auth frame, wait for {@code auth ok}, then send its
 * frames at its share of the rate. It writes only while the socket's write queue has room and
 * continues from the drain handler, so nothing piles up in memory when the server is slower.
 * Everything after connecting runs on the connection's own event loop.
 */
final class GuestConnection {

    /** Frames sent before yielding the event loop, so close frames and timers get their turn. */
    private static final int BURST = 256;
    /** What Vert.x reports for a connection that ended without a close frame from the server. */
    private static final short ABNORMAL_CLOSURE = 1006;

    private final Vertx vertx;
    private final int index;
    private final FrameSource source;
    private final double ratePerSecond;
    private final Promise<Void> authenticated = Promise.promise();
    private final Promise<Void> finished = Promise.promise();
    private final AtomicLong sent = new AtomicLong();
    private final long[] sentByKind = new long[SimulatedFrameKind.values().length];
    private WebSocket ws;
    private Context context;
    private boolean isAuthenticated;
    private boolean closingOnPurpose;
    private long startNanos;
    private volatile long endNanos;
    private volatile long closeSentNanos = -1;

    GuestConnection(Vertx vertx, int index, FrameSource source, double ratePerSecond) {
        this.vertx = vertx;
        this.index = index;
        this.source = source;
        this.ratePerSecond = ratePerSecond;
    }

    Future<Void> open(WebSocketClient client, String url, String token, long timeoutMillis) {
        client.connect(new WebSocketConnectOptions().setAbsoluteURI(url)).onComplete(connected -> {
            if (connected.failed()) {
                authenticated.tryFail(new SimulatorException("cannot connect to " + url + ": "
                        + TokenClient.reason(connected.cause())));
                return;
            }
            ws = connected.result();
            context = Vertx.currentContext();
            long timer = vertx.setTimer(timeoutMillis, id -> authenticated.tryFail(new SimulatorException(
                    "no auth answer from " + url + " within " + timeoutMillis / 1000 + " s")));
            ws.textMessageHandler(text -> {
                if (!isAuthenticated && isAuthOk(text)) {
                    isAuthenticated = true;
                    vertx.cancelTimer(timer);
                    authenticated.tryComplete();
                }
            });
            ws.exceptionHandler(e -> fail("connection " + index + " failed: " + TokenClient.reason(e)));
            ws.closeHandler(v -> onClose());
            // "role":"guest" is a sandbox extension: this socket sends, it does not get the others' frames
            ws.writeTextMessage(new JsonObject().put("type", "auth").put("token", token).put("role", "guest").encode());
        });
        return authenticated.future();
    }

    Future<Void> send() {
        context.runOnContext(v -> {
            startNanos = System.nanoTime();
            pump();
        });
        return finished.future();
    }

    private void pump() {
        if (closingOnPurpose || finished.future().isComplete()) {
            return;
        }
        Future<Void> lastWrite = null;
        for (int burst = 0; source.hasNext(); burst++) {
            if (ws.writeQueueFull()) {
                ws.drainHandler(v -> {
                    ws.drainHandler(null);
                    pump();
                });
                return;
            }
            if (ratePerSecond > 0) {
                double elapsed = (System.nanoTime() - startNanos) / 1e9;
                long allowed = (long) (ratePerSecond * elapsed) + 1;
                if (sent.get() >= allowed) {
                    double due = sent.get() / ratePerSecond - elapsed;
                    vertx.setTimer(Math.max(1, (long) Math.ceil(due * 1000)), id -> pump());
                    return;
                }
            }
            if (burst == BURST) {
                context.runOnContext(v -> pump());
                return;
            }
            FrameSource.Frame frame = source.next();
            lastWrite = ws.writeTextMessage(frame.json());
            sentByKind[frame.kind().ordinal()]++;
            sent.incrementAndGet();
        }
        finish(lastWrite == null ? Future.succeededFuture() : lastWrite);
    }

    /**
     * After the last frame: the close handshake. A written frame may still wait in socket buffers
     * while the server is slower than the simulator, so the connection is done only when the
     * server answers the close frame, which it reads after every frame before it. Closing the TCP
     * connection earlier can lose that tail.
     */
    private void finish(Future<Void> lastWrite) {
        closingOnPurpose = true;
        lastWrite.onComplete(written -> {
            endNanos = System.nanoTime();
            if (written.failed()) {
                fail("connection " + index + " could not send: " + TokenClient.reason(written.cause()));
                return;
            }
            closeSentNanos = System.nanoTime();
            ws.close((short) 1000, "simulation complete").onFailure(e -> fail("connection " + index
                    + " could not send its close frame: " + TokenClient.reason(e)));
        });
    }

    private void onClose() {
        Short code = ws.closeStatusCode();
        String reason = ws.closeReason() == null ? "" : " " + SimulatorArgs.printable(ws.closeReason());
        if (!isAuthenticated) {
            authenticated.tryFail(new SimulatorException("authentication refused: the server closed the connection ("
                    + code + reason + ")"));
        } else if (!closingOnPurpose) {
            fail("connection " + index + " closed by the server (" + code + reason + ") after " + sent.get()
                    + " frames");
        } else if (code == null || code == ABNORMAL_CLOSURE) {
            fail("connection " + index + " was cut before the server answered its close frame: the server may not"
                    + " have read the last of its " + sent.get() + " frames");
        } else {
            finished.tryComplete();
        }
    }

    private void fail(String message) {
        authenticated.tryFail(new SimulatorException(message));
        finished.tryFail(new SimulatorException(message));
    }

    private static boolean isAuthOk(String text) {
        try {
            JsonObject frame = new JsonObject(text);
            return "auth".equals(frame.getValue("type")) && "ok".equals(frame.getValue("status"));
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    long sent() {
        return sent.get();
    }

    long sent(SimulatedFrameKind kind) {
        return sentByKind[kind.ordinal()];
    }

    long size() {
        return source.size();
    }

    long endNanos() {
        return endNanos;
    }

    /** When the close frame went out, or -1 while frames are still being sent. */
    long closeSentNanos() {
        return closeSentNanos;
    }

    boolean isFinished() {
        return finished.future().isComplete();
    }

    FrameSource source() {
        return source;
    }
}
