package io.guestgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A do-nothing subscriber: an authenticated WebSocket on the sandbox hub that only counts the
 * frames relayed to it. The simulator's rate into it is the ceiling for the gateway's ingest.
 */
final class CountingReceiver implements WebSocket.Listener, AutoCloseable {

    private final AtomicLong frames = new AtomicLong();
    private final CompletableFuture<Void> authenticated = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile long lastFrameNanos;
    private WebSocket socket;

    static CountingReceiver open(String apiBase, String wsUrl) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = SandboxToken.fetch(http, apiBase, "webchat:read");
        CountingReceiver receiver = new CountingReceiver();
        receiver.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(wsUrl), receiver).get(10, TimeUnit.SECONDS);
        receiver.socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true).get(10, TimeUnit.SECONDS);
        receiver.authenticated.get(10, TimeUnit.SECONDS);
        return receiver;
    }

    long frames() {
        return frames.get();
    }

    long lastFrameNanos() {
        return lastFrameNanos;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
        } else if (!authenticated.isDone()) {
            partial.setLength(0);
            authenticated.complete(null); // the hub's {"type":"auth","status":"ok"}
        } else {
            partial.setLength(0);
            frames.incrementAndGet();
            lastFrameNanos = System.nanoTime();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        authenticated.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
