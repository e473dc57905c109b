package io.guestgateway.platform;

import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.master.MasterComponent;
import org.apache.camel.component.master.MasterEndpoint;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.StringHelper;

/**
 * Why ours: camel-master 4.17 starts the consumer a fixed second after leadership, and misses a loss inside it.
 *
 * <p>camel-master's {@code master:} component (same URI, options and cluster services) whose
 * consumer is a {@link PromptMasterConsumer}: it starts the wrapped consumer as soon as this replica
 * leads, and acts on every leadership change in the order they came, so a replica that loses the
 * lead while its consumer starts stops it again (CAMEL-24583; Camel 4.17's consumer kept it, and a
 * second replica subscribed beside it). Registered as the bean {@code master}, so routes keep the
 * {@code master:} scheme and {@code camel.component.master.*} options still apply.
 */
public class PromptMasterComponent extends MasterComponent {

    /** {@code master:<namespace>:<delegate URI>}, read as camel-master reads it. */
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String namespace = StringHelper.before(remaining, ":");
        String delegateUri = StringHelper.after(remaining, ":");
        if (ObjectHelper.isEmpty(namespace) || ObjectHelper.isEmpty(delegateUri)) {
            throw new IllegalArgumentException("Wrong uri syntax : master:namespace:delegate, got " + remaining);
        }
        if (parameters != null && !parameters.isEmpty()) {
            delegateUri = delegateUri + "?" + uri.substring(uri.indexOf('?') + 1);
        }
        return new PromptMasterEndpoint(uri, this, namespace, delegateUri);
    }

    /** camel-master's endpoint with a consumer that starts the wrapped one without a fixed delay. */
    static final class PromptMasterEndpoint extends MasterEndpoint {

        PromptMasterEndpoint(String uri, PromptMasterComponent component, String namespace, String delegateUri) {
            super(uri, component, component.getService(), namespace, delegateUri);
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            PromptMasterConsumer consumer = new PromptMasterConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }
    }
}
