package io.guestgateway.sandbox;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The sandbox's one HTTP server, deployed as a verticle so that every handler, timer and WebSocket
 * callback runs on one event loop: the hub's connection state needs no locks.
 */
final class SandboxServer extends AbstractVerticle {

    static final long TIMEOUT_SECONDS = 30;
    /** Frames up to 4 MB pass, so a gateway's own frame-size limit can be tested through the hub. */
    private static final int MAX_FRAME = 4 << 20;

    private final int port;
    private final WebSocketHub hub;
    private final Consumer<Router> routes;
    private volatile Thread eventLoop;
    private volatile HttpServer server;

    SandboxServer(int port, WebSocketHub hub, Consumer<Router> routes) {
        this.port = port;
        this.hub = hub;
        this.routes = routes;
    }

    @Override
    public void start(Promise<Void> started) {
        eventLoop = Thread.currentThread();
        Router router = Router.router(vertx);
        routes.accept(router);
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                        .setMaxWebSocketFrameSize(MAX_FRAME).setMaxWebSocketMessageSize(MAX_FRAME))
                .webSocketHandler(hub)
                .requestHandler(router)
                .listen()
                .onSuccess(listening -> {
                    server = listening;
                    started.complete();
                })
                .onFailure(started::fail);
    }

    int port() {
        return server.actualPort();
    }

    /** Runs {@code action} on the event loop and waits for it (directly when already there). */
    void onEventLoop(Runnable action) {
        // handlers run on duplicated contexts of the same loop, so compare threads, not contexts
        if (Thread.currentThread() == eventLoop) {
            action.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            action.run();
            done.complete(null);
        });
        await(done);
    }

    static <T> T await(Future<T> future) {
        return await(future.toCompletionStage().toCompletableFuture());
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sandbox", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the sandbox did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
