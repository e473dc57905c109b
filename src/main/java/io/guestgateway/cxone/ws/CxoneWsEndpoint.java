package io.guestgateway.cxone.ws;

import io.guestgateway.cxone.TlsTrust;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * One subscription. Parameters: wsUrl, maxFrameSize, reconnectInitialDelay, reconnectMaxDelay,
 * heartbeatInterval, connectTimeout, concurrentConsumers, maxPending, accessTokens (a bean
 * reference), tlsTrust (a bean reference: whom wss:// trusts; certificate and host-name checks
 * are always on). Consume-only: CXone's socket carries nothing the gateway needs
 * to send but auth.
 */
public class CxoneWsEndpoint extends DefaultEndpoint {

    private final String name;
    private final CxoneWsEndpointOptions configuration;

    public CxoneWsEndpoint(String uri, CxoneWsComponent component, String name, CxoneWsEndpointOptions configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
    }

    @Override
    public CxoneWsComponent getComponent() {
        return (CxoneWsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("cxone-ws only consumes; it has no producer");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        CxoneWsConsumer consumer = new CxoneWsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    SubscriptionSettings settings() {
        return configuration.toSettings();
    }

    /** Made once at start-up (the SSL bundle's); nothing is read again on a reconnect. */
    TlsTrust trust() {
        return configuration.toTlsTrust();
    }

    public String getName() {
        return name;
    }

    public CxoneWsEndpointOptions getConfiguration() {
        return configuration;
    }
}
