package io.guestgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Sends given frames to the sandbox hub as a guest connection ({@code "role":"guest"}: it receives
 * nothing) as fast as the socket takes them, and reconnects when the hub closes it, so it
 * survives the WebSocket-cut scenario where the simulator would stop. A frame counts as sent when
 * its write completed; a frame whose write failed at a cut is sent again on the next connection.
 * Bounded: gives up after {@code maxReconnects} reconnects.
 */
final class FrameBlaster {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String apiBase;
    private final String wsUrl;
    private long sent;
    private long reconnects;

    FrameBlaster(String apiBase, String wsUrl) {
        this.apiBase = apiBase;
        this.wsUrl = wsUrl;
    }

    long sent() {
        return sent;
    }

    long reconnects() {
        return reconnects;
    }

    /** Sends every frame; returns how many were written. */
    long send(Iterator<String> frames, int maxReconnects) throws Exception {
        String pending = null;
        while (pending != null || frames.hasNext()) {
            WebSocket socket;
            try {
                socket = connect();
            } catch (Exception e) {
                if (++reconnects > maxReconnects) {
                    throw e;
                }
                continue;
            }
            try {
                while (pending != null || frames.hasNext()) {
                    String frame = pending != null ? pending : frames.next();
                    pending = frame;
                    socket.sendText(frame, true).get(30, TimeUnit.SECONDS);
                    pending = null;
                    sent++;
                }
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
            } catch (Exception cut) {
                socket.abort();
                if (++reconnects > maxReconnects) {
                    throw cut;
                }
            }
        }
        return sent;
    }

    private WebSocket connect() throws Exception {
        String token = SandboxToken.fetch(http, apiBase, "webchat:read");
        CompletableFuture<Void> ok = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        ok.complete(null);
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        ok.completeExceptionally(new IllegalStateException("closed " + code));
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        ok.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\",\"role\":\"guest\"}", true)
                .get(10, TimeUnit.SECONDS);
        ok.get(10, TimeUnit.SECONDS);
        return socket;
    }
}
