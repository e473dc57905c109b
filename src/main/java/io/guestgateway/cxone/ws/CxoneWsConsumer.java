package io.guestgateway.cxone.ws;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Wires a {@link ConnectionLoop} (the socket, on Vert.x) to a {@link FrameDispatcher} (the route,
 * on {@code concurrentConsumers} worker threads). Each text frame becomes one exchange: the body
 * is the frame, header {@value #RECEIVED_AT} the epoch millis it was read.
 */
public class CxoneWsConsumer extends DefaultConsumer {

    public static final String RECEIVED_AT = "CxoneReceivedAt";
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
        client = vertx.createWebSocketClient(clientOptions(settings));
        ExecutorService workers = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "CxoneWs[" + endpoint.getName() + "]", settings.concurrentConsumers());
        loop = new ConnectionLoop(vertx, client, settings, component.resolveTokens(endpoint.getConfiguration().getAccessTokens()),
                component.status(), (text, receivedAt) -> dispatcher.accept(text, receivedAt));
        dispatcher = new FrameDispatcher(workers, settings.maxPending(), this::process, loop);
        dispatcher.start(settings.concurrentConsumers());
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

    private static WebSocketClientOptions clientOptions(SubscriptionSettings settings) {
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
        return new WebSocketClientOptions()
                .setMaxFrameSize(settings.maxFrameSize())
                .setMaxMessageSize(settings.maxFrameSize())
                .setConnectTimeout(connectMillis)
                // a peer that never answers our close frame is cut off after this (whole seconds)
                .setClosingTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
    }
}
