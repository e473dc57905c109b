package io.guestgateway.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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

    private final SandboxSettings settings;
    private final Vertx vertx;
    private final TokenStore tokens;
    private final WebSocketHub hub;
    private final Map<Target, FaultInjector> faults = new EnumMap<>(Target.class);
    private final Map<Target, CallRecorder> recorders = new EnumMap<>(Target.class);
    private final RoutingEndpoint routing;
    private final CrmEndpoint crm;
    private final SandboxServer server;
    private volatile boolean closed;

    private CxoneSandbox(SandboxSettings settings) {
        this.settings = settings;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        this.tokens = new TokenStore(settings.tokenLifetime());
        this.hub = new WebSocketHub(vertx, tokens, settings.authTimeout());
        faults.put(Target.TOKEN, new FaultInjector(FaultSettings.none(), settings.seed() + 2));
        faults.put(Target.ROUTING, new FaultInjector(settings.routingFaults(), settings.seed()));
        faults.put(Target.CRM, new FaultInjector(settings.crmFaults(), settings.seed() + 1));
        recorders.put(Target.TOKEN, new CallRecorder(0)); // counts only: the bodies hold the client secret
        recorders.put(Target.ROUTING, new CallRecorder(settings.maxRecordedCalls()));
        recorders.put(Target.CRM, new CallRecorder(settings.maxRecordedCalls()));
        this.routing = new RoutingEndpoint(vertx, settings, tokens, faults.get(Target.ROUTING),
                recorders.get(Target.ROUTING));
        this.crm = new CrmEndpoint(vertx, faults.get(Target.CRM), recorders.get(Target.CRM));
        this.server = new SandboxServer(settings.port(), hub, this::routes);
    }

    /** Starts a sandbox and returns once it listens. */
    public static CxoneSandbox start(SandboxSettings settings) {
        CxoneSandbox sandbox = new CxoneSandbox(settings);
        try {
            SandboxServer.await(sandbox.vertx.deployVerticle(sandbox.server));
            return sandbox;
        } catch (RuntimeException e) {
            sandbox.close();
            throw new SandboxStartException("CXone sandbox could not listen on 127.0.0.1:" + settings.port()
                    + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.port();
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
        server.onEventLoop(() -> hub.closeAll((short) code));
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
                crmCalls.countsByStatus(), tokens.issued(), recorders.get(Target.TOKEN).countsByStatus(), hub.open(), hub.authenticated(), hub.rejected(),
                hub.relayed(), hub.dropped());
    }

    /**
     * From now on, counts the distinct sessions in the CRM batches accepted (a fresh count), or
     * stops counting: with one message per conversation, records beyond the sessions are records
     * sent twice. Off by default, as it keeps every session id.
     */
    public void countCrmSessions(boolean on) {
        crm.countSessions(on);
    }

    /** CRM batches sent again with an {@code Idempotency-Key} already accepted: answered 200, not counted as records. */
    public long crmIdempotentReplays() {
        return crm.replays();
    }

    /** Distinct sessions in the CRM batches accepted since {@link #countCrmSessions} turned counting on; -1 when off. */
    public long crmSessionsSeen() {
        return crm.sessionsSeen();
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
        SandboxServer.await(vertx.close());
    }

    static boolean isSendableCloseCode(int code) {
        // 1004-1006 and 1015 are reserved: never sent in a close frame (RFC 6455 §7.4.1)
        return code >= 1000 && code <= 4999 && code != 1004 && code != 1005 && code != 1006 && code != 1015
                && (code >= 3000 || code <= 1014);
    }

    private void routes(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(1 << 20);
        router.post("/oauth/v2/token").handler(body).handler(new TokenEndpoint(vertx, settings, tokens,
                faults.get(Target.TOKEN), recorders.get(Target.TOKEN)));
        router.post("/api/v2/routing/conversations").handler(body).handler(routing);
        router.post("/crm/batch").handler(body).handler(crm);
        new AdminApi(this).mount(router, body);
    }
}
