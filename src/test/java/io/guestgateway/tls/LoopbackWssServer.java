package io.guestgateway.tls;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CXone-like {@code wss://} socket on a free 127.0.0.1 port presenting the given key store's
 * certificate: it answers every text frame (the auth frame) with ok and then one guest frame, and
 * records the frames it got and the upgrades that made it past the TLS handshake.
 */
final class LoopbackWssServer implements AutoCloseable {

    static final String GUEST_FRAME = "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-1\"}";

    final List<String> frames = new CopyOnWriteArrayList<>();
    final AtomicInteger upgrades = new AtomicInteger();
    private final HttpServer server;
    private final int port;

    LoopbackWssServer(Vertx vertx, Path keyStore) throws Exception {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(keyStore.toString()).setPassword(TestPki.PASSWORD));
        server = vertx.createHttpServer(options).webSocketHandler(ws -> {
            upgrades.incrementAndGet();
            ws.textMessageHandler(text -> {
                frames.add(text);
                ws.writeTextMessage("{\"type\":\"auth\",\"status\":\"ok\"}");
                ws.writeTextMessage(GUEST_FRAME);
            });
        });
        port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    String url(String host) {
        return "wss://" + host + ":" + port + "/webchat/v1/ws";
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
