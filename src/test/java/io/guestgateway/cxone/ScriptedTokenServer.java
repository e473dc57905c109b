package io.guestgateway.cxone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP token endpoint on a free loopback port that answers from a script: each request
 * takes the next scripted reply; when the script runs out, a fresh 200 token ("tok-N").
 */
public final class ScriptedTokenServer implements AutoCloseable {

    record Reply(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<String> requestBodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile long lifetimeSeconds = 3600;
    private volatile String grantedScope = "webchat:read routing:write conversations:read users:read";
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public ScriptedTokenServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/oauth/v2/token", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI apiBase() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void enqueue(int status, Map<String, String> headers, String body) {
        script.add(new Reply(status, headers, body));
    }

    public void lifetime(long seconds) {
        lifetimeSeconds = seconds;
    }

    void grantedScope(String scope) {
        grantedScope = scope;
    }

    /** Holds every request until {@link #open()}: lets a test pile up concurrent callers. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    public int requests() {
        return requestBodies.size();
    }

    List<String> requestBodies() {
        return requestBodies;
    }

    List<String> contentTypes() {
        return contentTypes;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requestBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new IOException("test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Reply reply = script.poll();
        if (reply == null) {
            String scope = grantedScope == null ? "" : ",\"scope\":\"" + grantedScope + "\"";
            reply = new Reply(200, Map.of(), "{\"access_token\":\"tok-" + issued.incrementAndGet()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":" + lifetimeSeconds + scope + "}");
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
