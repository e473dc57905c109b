package io.guestgateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket client for tests on the JDK's own stack (not Vert.x, so the sandbox is checked by an
 * independent implementation). Collects text frames; reading can be held back to test backpressure.
 */
public final class WsTestClient implements AutoCloseable {

    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final boolean keep;
    private volatile boolean reading;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private WsTestClient(boolean reading, boolean keep) {
        this.reading = reading;
        this.keep = keep;
    }

    /** Connects and reads every frame, keeping the texts. */
    public static WsTestClient connect(String url) {
        return connect(url, true, true);
    }

    /**
     * @param reading whether to read frames from the start ({@link #resume()} starts later)
     * @param keep    whether to keep the texts or only count them (for volume)
     */
    public static WsTestClient connect(String url, boolean reading, boolean keep) {
        WsTestClient client = new WsTestClient(reading, keep);
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), client.new Listener())
                .orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    /** Connects, sends the auth frame and waits for {@code auth ok}; the ok is not kept. */
    public static WsTestClient authenticated(String url, String token) {
        WsTestClient client = connect(url);
        client.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        client.awaitText(1, Duration.ofSeconds(5));
        assertThat(client.texts().get(0)).isEqualTo("{\"type\":\"auth\",\"status\":\"ok\"}");
        client.texts.clear();
        client.received.set(0);
        return client;
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Sends without waiting; the JDK allows one send in flight, so chain on the result. */
    public CompletableFuture<WebSocket> sendAsync(String text) {
        return socket.sendText(text, true);
    }

    public List<String> texts() {
        return texts;
    }

    public long received() {
        return received.get();
    }

    public CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    public void resume() {
        reading = true;
        socket.request(Long.MAX_VALUE);
    }

    void awaitText(int count, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).until(() -> received.get() >= count);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(Long.MAX_VALUE);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                if (keep) {
                    texts.add(partial.toString());
                }
                partial.setLength(0);
                received.incrementAndGet();
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
