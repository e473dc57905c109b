package io.guestgateway.cxone.ws;

import io.guestgateway.cxone.TrustStore;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * One subscription. Parameters: wsUrl, maxFrameSize, reconnectInitialDelay, reconnectMaxDelay,
 * heartbeatInterval, connectTimeout, concurrentConsumers, maxPending, accessTokens (a bean
 * reference), trustStore, trustStorePassword, trustStoreType (whom wss:// trusts; certificate and
 * host-name checks are always on). Consume-only: CXone's socket carries nothing the gateway needs
 * to send but auth.
 */
public class CxoneWsEndpoint extends DefaultEndpoint {

    private final String name;
    private final CxoneWsConfiguration configuration;
    private TrustStore trust;

    public CxoneWsEndpoint(String uri, CxoneWsComponent component, String name, CxoneWsConfiguration configuration) {
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

    /** Read once per endpoint: the file is not read again on every reconnect. */
    synchronized TrustStore trust() {
        if (trust == null) {
            trust = configuration.toTrustStore();
        }
        return trust;
    }

    public String getName() {
        return name;
    }

    public CxoneWsConfiguration getConfiguration() {
        return configuration;
    }
}
