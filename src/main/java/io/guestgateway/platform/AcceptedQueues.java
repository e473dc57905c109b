package io.guestgateway.platform;

import jakarta.jms.Destination;
import java.util.List;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;

/**
 * Where accepted guest messages live on the broker: one multicast address, {@value #ADDRESS}, with
 * the durable queues {@value #ROUTING} and {@value #CRM} bound to it. Ingest sends each accepted
 * message once, to the address; the broker stores it once and gives each queue a reference, so the
 * hand-off costs one persistent send per message instead of one per queue. A client that means one
 * of the queues alone names it fully qualified, {@code guest.accepted::guest.routing}: a consumer or a
 * browser as a JMS queue ({@link #fullyQualified}), a sender as a JMS topic, since the address is
 * multicast ({@link #sendTo}).
 */
public final class AcceptedQueues {

    public static final String ADDRESS = "guest.accepted";
    public static final String ROUTING = "guest.routing";
    public static final String CRM = "guest.crm";
    public static final List<String> QUEUES = List.of(ROUTING, CRM);

    private AcceptedQueues() {
    }

    /**
     * Where a message for {@code name} is sent: the address (both queues), one queue of it alone
     * (its fully qualified name, as a topic), or any other queue by its name.
     */
    public static Destination sendTo(String name) {
        if (name.equals(ADDRESS) || QUEUES.contains(name)) {
            return ActiveMQJMSClient.createTopic(fullyQualified(name));
        }
        return ActiveMQJMSClient.createQueue(name);
    }

    /**
     * The name that reaches {@code queue} alone: {@code guest.accepted::<queue>} for a queue bound to
     * {@value #ADDRESS} (consumed or browsed as a JMS queue; sent to as a JMS topic, {@link #sendTo}),
     * the name itself for any other queue, which has an address of its own.
     */
    public static String fullyQualified(String queue) {
        return QUEUES.contains(queue) ? ADDRESS + "::" + queue : queue;
    }
}
