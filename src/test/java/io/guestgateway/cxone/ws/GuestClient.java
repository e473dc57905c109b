package io.guestgateway.cxone.ws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A guest's side of the sandbox hub, on the JDK's WebSocket client (independent of Vert.x): it
 * authenticates as a send-only guest and sends frames, which the hub relays to the gateway.
 */
public final class GuestClient implements AutoCloseable {

    private final CompletableFuture<String> authAnswer = new CompletableFuture<>();
    private final WebSocket socket;

    private GuestClient(String wsUrl) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            authAnswer.complete(text.toString());
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Connects and authenticates with {@code token}; returns once the hub said ok. */
    public static GuestClient authenticated(String wsUrl, String token) {
        GuestClient guest = new GuestClient(wsUrl);
        guest.send("{\"type\":\"auth\",\"token\":\"" + token + "\",\"role\":\"guest\"}");
        String answer = guest.authAnswer.orTimeout(10, TimeUnit.SECONDS).join();
        if (!answer.contains("\"ok\"")) {
            throw new IllegalStateException("sandbox refused the guest: " + answer);
        }
        return guest;
    }

    public static String message(String conversationId, String text) {
        return "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"" + conversationId
                + "\",\"text\":\"" + text + "\",\"timestamp\":1764412345.127,"
                + "\"metadata\":{\"browserFingerprint\":\"fp-3b9d2c71a0\"}}";
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
