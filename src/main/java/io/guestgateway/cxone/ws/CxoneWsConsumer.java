package io.guestgateway.cxone.ws;

import io.guestgateway.cxone.Hosts;
import io.guestgateway.cxone.TlsTrust;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires a {@link ConnectionLoop} (the socket, on Vert.x) to a {@link FrameDispatcher} (the route,
 * on {@code concurrentConsumers} worker threads, one lane of conversations each: a conversation's
 * frames reach the route in the order they were read). Each text frame becomes one exchange: the
 * body is the frame, header {@value #RECEIVED_AT} the epoch millis it was read.
 */
public class CxoneWsConsumer extends DefaultConsumer {

    public static final String RECEIVED_AT = "CxoneReceivedAt";
    private static final Logger LOG = LoggerFactory.getLogger(CxoneWsConsumer.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private WebSocketClient client;
    private ConnectionLoop loop;
    private FrameDispatcher dispatcher;

    public CxoneWsConsumer(CxoneWsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public CxoneWsEndpoint getEndpoint() {
        return (CxoneWsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        CxoneWsEndpoint endpoint = getEndpoint();
        CxoneWsComponent component = endpoint.getComponent();
        SubscriptionSettings settings = endpoint.settings();
        Vertx vertx = component.vertx();
        TlsTrust trust = endpoint.trust();
        client = vertx.createWebSocketClient(CxoneWsClientOptions.client(settings.wsUrl(), trust,
                settings.maxFrameSize(), settings.connectTimeout()));
        if (!settings.ssl() && !Hosts.isLoopback(settings.wsUrl().getHost())) {
            LOG.warn("cxone-ws connects to {} without TLS: the access token crosses the network in clear text; "
                    + "use a wss:// URL", settings.wsUrl());
        }
        ExecutorService workers = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "CxoneWs[" + endpoint.getName() + "]", settings.concurrentConsumers());
        loop = new ConnectionLoop(vertx, client, settings, trust, component.resolveTokens(endpoint.getConfiguration().getAccessTokens()),
                component.status(), (text, receivedAt) -> dispatcher.accept(text, receivedAt));
        dispatcher = new FrameDispatcher(workers, settings.concurrentConsumers(), settings.maxPending(), this::process, loop);
        dispatcher.start();
        loop.start();
    }

    @Override
    protected void doStop() throws Exception {
        if (loop != null) {
            try {
                loop.stop().toCompletionStage().toCompletableFuture().get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                dispatcher.stop(DRAIN_TIMEOUT);
                client.close();
                loop = null;
            }
        }
        super.doStop();
    }

    /** Frames waiting for a worker (for tests and diagnostics). */
    int pendingFrames() {
        return dispatcher == null ? 0 : dispatcher.pending();
    }

    boolean inputPaused() {
        return dispatcher != null && dispatcher.paused();
    }

    private void process(String text, long receivedAt) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(text);
            exchange.getIn().setHeader(RECEIVED_AT, receivedAt);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("A CXone frame failed in the route", exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }
}
