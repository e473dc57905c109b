package io.guestgateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's backpressure bookkeeping, step by step, on stand-ins for Vert.x's server WebSockets
 * (the end-to-end behaviour is in {@link SandboxBackpressureTest}). Vert.x acts on a close frame as
 * soon as it reads it, while text frames read before it may still wait in the paused connection;
 * those must reach the receivers, so a sender that closes while paused is resumed on the drain.
 */
class WebSocketHubTest {

    private static final String MESSAGE = "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-1\","
            + "\"text\":\"hello\"}";

    private final Vertx vertx = Vertx.vertx();
    private final TokenStore tokens = new TokenStore(Duration.ofMinutes(5));
    private final WebSocketHub hub = new WebSocketHub(vertx, tokens, Duration.ofSeconds(30));

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aSenderThatClosedWhilePausedIsResumedWhenTheReceiverDrains() {
        Socket receiver = connect("");
        Socket sender = connect(",\"role\":\"guest\"");

        receiver.queueFull = true;
        sender.text.handle(MESSAGE);
        verify(sender.ws).pause();

        sender.close.handle(null); // its close frame, read while frames still wait behind the pause
        receiver.queueFull = false;
        receiver.drain.handle(null);

        verify(sender.ws).resume();
        sender.text.handle(MESSAGE); // a frame that waited is delivered after the resume
        assertThat(hub.relayed()).isEqualTo(2);
        assertThat(hub.dropped()).isZero();
    }

    @Test
    void aSenderThatClosedWhileNotPausedIsNotResumed() {
        Socket receiver = connect("");
        Socket sender = connect(",\"role\":\"guest\"");
        sender.text.handle(MESSAGE);
        sender.close.handle(null);
        receiver.queueFull = true;
        connect(",\"role\":\"guest\"").text.handle(MESSAGE);
        receiver.queueFull = false;
        receiver.drain.handle(null);

        verify(sender.ws, never()).pause();
        verify(sender.ws, never()).resume();
        assertThat(hub.relayed()).isEqualTo(2);
    }

    /** A connection that has sent its auth frame ({@code extra} is added to it). */
    private Socket connect(String extra) {
        Socket socket = new Socket();
        hub.handle(socket.ws);
        socket.text.handle("{\"type\":\"auth\",\"token\":\"" + tokens.issue(Set.of(WebSocketHub.READ_SCOPE)) + "\""
                + extra + "}");
        return socket;
    }

    /** Records the handlers the hub registers; its write queue is full when the test says so. */
    private static final class Socket {
        final ServerWebSocket ws = mock(ServerWebSocket.class);
        Handler<String> text;
        Handler<Void> close;
        Handler<Void> drain;
        volatile boolean queueFull;

        @SuppressWarnings("unchecked")
        Socket() {
            when(ws.path()).thenReturn(WebSocketHub.PATH);
            when(ws.textMessageHandler(any())).thenAnswer(call -> {
                text = call.getArgument(0, Handler.class);
                return ws;
            });
            when(ws.closeHandler(any())).thenAnswer(call -> {
                close = call.getArgument(0, Handler.class);
                return ws;
            });
            when(ws.drainHandler(any())).thenAnswer(call -> {
                drain = call.getArgument(0, Handler.class);
                return ws;
            });
            when(ws.writeQueueFull()).thenAnswer(call -> queueFull);
        }
    }
}
