package io.guestgateway.cxone.ws;

import io.guestgateway.cxone.AccessTokens;
import io.guestgateway.cxone.TlsTrust;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code cxone-ws:name}: the CXone guest-message subscription (docs/cxone-contract.md §2) as a Camel consumer.
 * Options set here are defaults for every endpoint; URI parameters override them. The access
 * tokens, the status object and the Vert.x instance are taken from the options, else looked up in
 * the registry by type, else (status, Vert.x) created.
 */
public class CxoneWsComponent extends DefaultComponent {

    public static final String SCHEME = "cxone-ws";

    private CxoneWsEndpointOptions configuration = new CxoneWsEndpointOptions();
    private SubscriptionStatus status;
    private Vertx vertx;
    private boolean ownsVertx;
    private boolean timerIdZeroUsed;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        CxoneWsEndpointOptions options = configuration.copy();
        setProperties(options, parameters);  // ours; what is left (bridgeErrorHandler, ...) is the endpoint's
        CxoneWsEndpoint endpoint = new CxoneWsEndpoint(uri, this, remaining, options);
        setProperties(endpoint, parameters);
        endpoint.settings();  // fail at route build time, not at connect time, on a bad option
        return endpoint;
    }

    AccessTokens resolveTokens(AccessTokens endpointTokens) {
        if (endpointTokens != null) {
            return endpointTokens;
        }
        Set<AccessTokens> found = getCamelContext().getRegistry().findByType(AccessTokens.class);
        if (found.size() != 1) {
            throw new IllegalStateException("cxone-ws needs the access tokens: set accessTokens=#bean:<name> "
                    + "(found " + found.size() + " AccessTokens beans in the registry)");
        }
        return found.iterator().next();
    }

    synchronized SubscriptionStatus status() {
        if (status == null) {
            Set<SubscriptionStatus> found = getCamelContext().getRegistry().findByType(SubscriptionStatus.class);
            status = found.size() == 1 ? found.iterator().next() : new SubscriptionStatus();
        }
        return status;
    }

    synchronized Vertx vertx() {
        if (vertx == null) {
            Set<Vertx> found = getCamelContext().getRegistry().findByType(Vertx.class);
            if (found.size() == 1) {
                vertx = found.iterator().next();
            } else {
                // one event loop is plenty for one socket; token calls use the small worker pool
                vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                        .setMaxWorkerExecuteTime(5).setMaxWorkerExecuteTimeUnit(TimeUnit.MINUTES)
                        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                                .setClassPathResolvingEnabled(false)));
                ownsVertx = true;
            }
        }
        if (!timerIdZeroUsed) {
            // Vert.x 4.5 cancels its WebSocket handshake timer only when the timer id is above 0,
            // and ids start at 0: on a fresh instance the first connection would be cut after
            // connectTimeout. Using up id 0 here keeps that timer cancellable.
            vertx.cancelTimer(vertx.setTimer(1, id -> { }));
            timerIdZeroUsed = true;
        }
        return vertx;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (ownsVertx && vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx = null;
            ownsVertx = false;
            timerIdZeroUsed = false;
        }
        super.doStop();
    }

    public CxoneWsEndpointOptions getConfiguration() {
        return configuration;
    }

    public void setConfiguration(CxoneWsEndpointOptions configuration) {
        this.configuration = configuration;
    }

    public void setAccessTokens(AccessTokens accessTokens) {
        configuration.setAccessTokens(accessTokens);
    }

    public SubscriptionStatus getSubscriptionStatus() {
        return status();
    }

    public void setSubscriptionStatus(SubscriptionStatus status) {
        this.status = status;
    }

    public synchronized void setVertx(Vertx vertx) {
        this.vertx = vertx;
        this.timerIdZeroUsed = false;
    }

    public void setWsUrl(String wsUrl) {
        configuration.setWsUrl(wsUrl);
    }

    public void setMaxFrameSize(int maxFrameSize) {
        configuration.setMaxFrameSize(maxFrameSize);
    }

    public void setReconnectInitialDelay(Duration delay) {
        configuration.setReconnectInitialDelay(delay);
    }

    public void setReconnectMaxDelay(Duration delay) {
        configuration.setReconnectMaxDelay(delay);
    }

    public void setHeartbeatInterval(Duration interval) {
        configuration.setHeartbeatInterval(interval);
    }

    public void setConnectTimeout(Duration timeout) {
        configuration.setConnectTimeout(timeout);
    }

    public void setConcurrentConsumers(int concurrentConsumers) {
        configuration.setConcurrentConsumers(concurrentConsumers);
    }

    public void setMaxPending(int maxPending) {
        configuration.setMaxPending(maxPending);
    }

    public void setTlsTrust(TlsTrust tlsTrust) {
        configuration.setTlsTrust(tlsTrust);
    }
}
