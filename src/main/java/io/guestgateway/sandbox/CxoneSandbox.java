package io.guestgateway.sandbox;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An in-process stand-in for CXone and the CRM that follows {@code cxone-contract.md}: token
 * endpoint, Web Messaging WebSocket hub, Task Routing API, CRM batch endpoint, fault knobs and a
 * small admin API under {@code /sandbox}, all on one loopback port.
 * <p>
 * Built on plain Vert.x (one HTTP server, one Router, one event loop) rather than Camel's
 * vertx-websocket server endpoint: that endpoint cannot close a connection with a custom code such
 * as 4401 and keeps no per-connection state such as "has authenticated", both of which the
 * contract's auth-frame rule needs. A dedicated Vert.x instance keeps its lifecycle separate from
 * the gateway's own.
 */
public final class CxoneSandbox implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final SandboxSettings settings;
    private final Vertx vertx;
    private final TokenStore tokens;
    private final WebSocketHub hub;
    private final Map<Target, FaultInjector> faults = new EnumMap<>(Target.class);
    private final Map<Target, CallRecorder> recorders = new EnumMap<>(Target.class);
    private final RoutingEndpoint routing;
    private final CrmEndpoint crm;
    private volatile Context context;
    private volatile Thread eventLoop;
    private volatile HttpServer server;
    private volatile boolean closed;

    private CxoneSandbox(SandboxSettings settings) {
        this.settings = settings;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        this.tokens = new TokenStore(settings.tokenLifetime());
        this.hub = new WebSocketHub(vertx, tokens, settings.authTimeout());
        faults.put(Target.ROUTING, new FaultInjector(settings.routingFaults(), settings.seed()));
        faults.put(Target.CRM, new FaultInjector(settings.crmFaults(), settings.seed() + 1));
        for (Target target : Target.values()) {
            recorders.put(target, new CallRecorder(settings.maxRecordedCalls()));
        }
        this.routing = new RoutingEndpoint(vertx, settings, tokens, faults.get(Target.ROUTING),
                recorders.get(Target.ROUTING));
        this.crm = new CrmEndpoint(vertx, faults.get(Target.CRM), recorders.get(Target.CRM));
    }

    /** Starts a sandbox and returns once it listens. */
    public static CxoneSandbox start(SandboxSettings settings) {
        CxoneSandbox sandbox = new CxoneSandbox(settings);
        try {
            await(sandbox.vertx.deployVerticle(sandbox.new ServerVerticle()).toCompletionStage().toCompletableFuture());
            return sandbox;
        } catch (RuntimeException e) {
            sandbox.close();
            throw new SandboxStartException("CXone sandbox could not listen on 127.0.0.1:" + settings.port()
                    + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    public String apiBase() {
        return "http://127.0.0.1:" + port();
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port() + WebSocketHub.PATH;
    }

    public String crmUrl() {
        return apiBase() + "/crm/batch";
    }

    public SandboxSettings settings() {
        return settings;
    }

    public FaultSettings faults(Target target) {
        return faults.get(target).settings();
    }

    /** Replaces the faults of {@code target}; its call count for "every k-th" starts again. */
    public void setFaults(Target target, FaultSettings next) {
        faults.get(target).apply(next);
    }

    /** Closes every WebSocket connection, authenticated or not, with {@code code} (e.g. 1001). */
    public void closeAllWebSockets(int code) {
        if (!isSendableCloseCode(code)) {
            throw new IllegalArgumentException("not a close code that may be sent: " + code);
        }
        onEventLoop(() -> hub.closeAll((short) code));
    }

    /** Every token issued so far is expired from now on (new ones are fine). */
    public void expireAllTokens() {
        tokens.expireAll();
    }

    public SandboxState state() {
        CallRecorder routingCalls = recorders.get(Target.ROUTING);
        CallRecorder crmCalls = recorders.get(Target.CRM);
        return new SandboxState(routing.routedConversations(), routing.duplicateRoutes(),
                routing.idempotentReplays(), routingCalls.countsByStatus(), crm.batches(), crm.records(),
                crmCalls.countsByStatus(), tokens.issued(), hub.open(), hub.authenticated(), hub.rejected(),
                hub.relayed(), hub.dropped());
    }

    /** The routing calls answered, oldest first (at most {@code maxRecordedCalls}). */
    public List<RecordedCall> routingCalls() {
        return recorders.get(Target.ROUTING).calls();
    }

    /** The CRM calls answered, oldest first (at most {@code maxRecordedCalls}). */
    public List<RecordedCall> crmCalls() {
        return recorders.get(Target.CRM).calls();
    }

    /**
     * Clears counts and recorded calls and restarts the fault sequences. Fault settings, issued
     * tokens and open connections stay.
     */
    public void reset() {
        routing.reset();
        crm.reset();
        recorders.values().forEach(CallRecorder::reset);
        faults.values().forEach(FaultInjector::restart);
        tokens.resetCount();
        hub.resetCounts();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        await(vertx.close().toCompletionStage().toCompletableFuture());
    }

    static boolean isSendableCloseCode(int code) {
        // 1004-1006 and 1015 are reserved: never sent in a close frame (RFC 6455 §7.4.1)
        return code >= 1000 && code <= 4999 && code != 1004 && code != 1005 && code != 1006 && code != 1015
                && (code >= 3000 || code <= 1014);
    }

    private void onEventLoop(Runnable action) {
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

    /** Owns the server so that every handler runs on this verticle's single event loop. */
    private final class ServerVerticle extends AbstractVerticle {
        @Override
        public void start(Promise<Void> started) {
            CxoneSandbox.this.context = context;
            CxoneSandbox.this.eventLoop = Thread.currentThread();
            BodyHandler body = BodyHandler.create(false).setBodyLimit(1 << 20);
            Router router = Router.router(vertx);
            router.post("/oauth/v2/token").handler(body).handler(new TokenEndpoint(settings, tokens));
            router.post("/api/v2/routing/conversations").handler(body).handler(routing);
            router.post("/crm/batch").handler(body).handler(crm);
            new AdminApi(CxoneSandbox.this).mount(router, body);
            vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(settings.port()))
                    .webSocketHandler(hub)
                    .requestHandler(router)
                    .listen()
                    .onSuccess(listening -> {
                        server = listening;
                        started.complete();
                    })
                    .onFailure(started::fail);
        }
    }
}
