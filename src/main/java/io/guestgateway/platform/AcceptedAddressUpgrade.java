package io.guestgateway.platform;

import java.time.Duration;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.postoffice.Binding;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an embedded broker's journal written by an earlier version (guest.routing and guest.crm
 * each on an anycast address of its own name) to the layout of {@link AcceptedQueues}: both queues
 * bound to the multicast address {@value AcceptedQueues#ADDRESS}, their waiting messages kept.
 *
 * <p>Artemis keeps a journal's queue on the address it was created on, so without this the queues
 * declared on the new address would not be created and every accepted message would go to
 * guest.undeliverable. A queue cannot change address, and its name is unique, so each one moves in
 * three steps, each one broker transaction: its messages to a holding queue ({@code <queue>.upgrade}),
 * the queue dropped and made again on the new address, the messages moved back. Run again after a
 * crash part way, it takes up from whatever step it reached. It runs while the broker has no
 * consumer, before the routes start.
 */
public class AcceptedAddressUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptedAddressUpgrade.class);
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final SimpleString ADDRESS = SimpleString.of(AcceptedQueues.ADDRESS);

    /** Returns how many waiting messages were moved to the new layout. */
    public long run(ActiveMQServer server) throws Exception {
        long moved = 0;
        for (String name : AcceptedQueues.QUEUES) {
            moved += upgrade(server, SimpleString.of(name));
        }
        return moved;
    }

    private long upgrade(ActiveMQServer server, SimpleString name) throws Exception {
        SimpleString holding = SimpleString.of(name + ".upgrade");
        Queue queue = server.locateQueue(name);
        if (queue != null && queue.getAddress().equals(ADDRESS) && server.locateQueue(holding) == null) {
            return 0; // the current layout
        }
        if (queue != null && !queue.getAddress().equals(ADDRESS)) {
            SimpleString oldAddress = queue.getAddress();
            long count = queue.getMessageCount();
            if (count > 0) {
                Queue hold = holdingQueue(server, holding);
                long held = hold.getMessageCount();
                queue.moveReferences(null, holding, binding(server, holding));
                settle(queue, 0, hold, held + count, name);
            }
            server.destroyQueue(name);
            if (server.getPostOffice().getBindingsForAddress(oldAddress).getBindings().isEmpty()) {
                server.removeAddressInfo(oldAddress, null);
            }
            queue = null;
        }
        if (queue == null) {
            queue = server.createQueue(QueueConfiguration.of(name).setAddress(ADDRESS)
                    .setRoutingType(RoutingType.MULTICAST).setDurable(true).setAutoCreateAddress(true));
        }
        Queue hold = server.locateQueue(holding);
        long moved = 0;
        if (hold != null) {
            moved = hold.getMessageCount();
            long before = queue.getMessageCount();
            if (moved > 0) {
                hold.moveReferences(null, ADDRESS, binding(server, name));
                settle(hold, 0, queue, before + moved, name);
            }
            server.destroyQueue(holding);
            server.removeAddressInfo(holding, null);
        }
        LOG.info("Broker layout upgraded: queue {} now on address {} ({} waiting messages kept)", name, ADDRESS, moved);
        return moved;
    }

    private static Queue holdingQueue(ActiveMQServer server, SimpleString holding) throws Exception {
        Queue hold = server.locateQueue(holding);
        return hold != null ? hold : server.createQueue(QueueConfiguration.of(holding).setAddress(holding)
                .setRoutingType(RoutingType.ANYCAST).setDurable(true).setAutoCreateAddress(true));
    }

    private static Binding binding(ActiveMQServer server, SimpleString queue) throws Exception {
        return server.getPostOffice().getBinding(queue);
    }

    /** A move commits in one transaction; the queues' counts follow once its references are added. */
    private static void settle(Queue from, long fromCount, Queue to, long toCount, SimpleString name)
            throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (from.getMessageCount() != fromCount || to.getMessageCount() < toCount) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Broker layout upgrade of " + name + " did not settle within "
                        + SETTLE.toSeconds() + " s: " + from.getName() + " holds " + from.getMessageCount()
                        + ", " + to.getName() + " " + to.getMessageCount() + " of " + toCount
                        + "; nothing was dropped, start again to resume");
            }
            Thread.sleep(20);
        }
    }
}
