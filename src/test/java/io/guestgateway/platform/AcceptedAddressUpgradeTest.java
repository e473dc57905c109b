package io.guestgateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal written before guest.accepted (guest.routing and guest.crm each on an anycast address of
 * its own, messages waiting) opened by the gateway's broker configuration: the upgrade binds both
 * queues to guest.accepted and keeps every waiting message on its own queue, in order, with its
 * properties; it resumes a run cut short; and it leaves the layout it made alone.
 */
class AcceptedAddressUpgradeTest {

    @Test
    void movesTheQueuesOfAnEarlierJournalWithTheirMessages(@TempDir Path dir) throws Exception {
        EmbeddedActiveMQ old = start(dir, false);
        send(List.of("r1", "r2", "r3"), "guest.routing");
        send(List.of("c1", "c2"), "guest.crm");
        old.stop();

        EmbeddedActiveMQ broker = start(dir, true);
        ActiveMQServer server = broker.getActiveMQServer();
        assertThat(server.locateQueue("guest.routing").getAddress().toString())
                .as("Artemis keeps a journal's queue where it was").isEqualTo("guest.routing");
        assertThat(new AcceptedAddressUpgrade().run(server)).as("messages moved").isEqualTo(5);
        assertLayout(server);
        assertThat(server.getAddressInfo(SimpleString.of("guest.routing"))).as("the old address").isNull();
        assertThat(new AcceptedAddressUpgrade().run(server)).as("a second run").isZero();

        send(List.of("new"), AcceptedQueues.ADDRESS);
        assertThat(receive("guest.routing")).containsExactly("r1", "r2", "r3", "new");
        assertThat(receive("guest.crm")).containsExactly("c1", "c2", "new");
        broker.stop();

        broker = start(dir, true);
        assertLayout(broker.getActiveMQServer());
        assertThat(new AcceptedAddressUpgrade().run(broker.getActiveMQServer())).as("after a restart").isZero();
        broker.stop();
    }

    @Test
    void resumesAnUpgradeCutShortAfterTheFirstMove(@TempDir Path dir) throws Exception {
        EmbeddedActiveMQ old = start(dir, false);
        // a run stopped after moving guest.routing's messages to the holding queue, before dropping it
        old.getActiveMQServer().createQueue(QueueConfiguration.of("guest.routing.upgrade")
                .setAddress("guest.routing.upgrade").setRoutingType(RoutingType.ANYCAST).setDurable(true)
                .setAutoCreateAddress(true));
        send(List.of("held1", "held2"), "guest.routing.upgrade");
        send(List.of("later"), "guest.routing");
        old.stop();

        EmbeddedActiveMQ broker = start(dir, true);
        assertThat(new AcceptedAddressUpgrade().run(broker.getActiveMQServer())).isEqualTo(3);
        assertLayout(broker.getActiveMQServer());
        assertThat(receive("guest.routing"))
                .containsExactlyInAnyOrder("held1", "held2", "later");
        assertThat(receive("guest.crm")).isEmpty();
        broker.stop();
    }

    private static void assertLayout(ActiveMQServer server) throws Exception {
        for (String name : AcceptedQueues.QUEUES) {
            assertThat(server.locateQueue(name).getAddress().toString()).as(name).isEqualTo(AcceptedQueues.ADDRESS);
            assertThat(server.locateQueue(name + ".upgrade")).as("holding queue of " + name).isNull();
        }
        assertThat(server.getPostOffice().getBindingsForAddress(SimpleString.of(AcceptedQueues.ADDRESS))
                .getBindings()).hasSize(2);
    }

    /** Persistent, in-VM; {@code current}: as the gateway configures it, otherwise as before guest.accepted. */
    private static EmbeddedActiveMQ start(Path dir, boolean current) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(true);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.setBrokerInstance(dir.toFile());
        config.addAcceptorConfiguration("in-vm", "vm://0");
        List<String> queues = new ArrayList<>(List.of("guest.rejected"));
        if (current) {
            new BrokerConfiguration().gatewayBrokerSettings().customize(config);
        } else {
            queues.addAll(AcceptedQueues.QUEUES);
        }
        for (String queue : queues) {
            config.addAddressConfiguration(new CoreAddressConfiguration().setName(queue)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfiguration(QueueConfiguration.of(queue).setAddress(queue)
                            .setRoutingType(RoutingType.ANYCAST).setDurable(true)));
        }
        return new EmbeddedActiveMQ().setConfiguration(config).start();
    }

    private static void send(List<String> bodies, String destination) throws Exception {
        GroupedMessages.send(new ActiveMQConnectionFactory("vm://0"), destination, bodies);
    }

    private static List<String> receive(String queue) throws Exception {
        return GroupedMessages.receive(new ActiveMQConnectionFactory("vm://0"), queue);
    }
}
