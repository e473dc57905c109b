package io.guestgateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.support.BrokerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/README.md's steps for an external broker set up before guest.accepted, run as an operator
 * would (the broker's management, as its administrator) on brokers started in a process of their
 * own: first from the earlier file with messages waiting, then from deploy/broker.xml on the same
 * journal. Every waiting message ends on its own queue, in order, and ingest's one send reaches both.
 */
class ExternalBrokerUpgradeTest {

    private static final String EARLIER_ADDRESSES = """
            <address name="guest.routing"><anycast><queue name="guest.routing"/></anycast></address>
                  <address name="guest.crm"><anycast><queue name="guest.crm"/></anycast></address>""";

    @Test
    void theDocumentedStepsMoveTheQueuesOfAnEarlierBrokerWithTheirMessages(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("broker");
        try (BrokerProcess broker = BrokerProcess.start(data, earlierBrokerXml(dir))) {
            GroupedMessages.send(broker.connectionFactory(), "guest.routing", List.of("r1", "r2", "r3"));
            GroupedMessages.send(broker.connectionFactory(), "guest.crm", List.of("c1", "c2"));
            // stop the replicas (none here); for each queue: a holding queue, the messages to it,
            // the queue and its old address deleted
            for (String queue : AcceptedQueues.QUEUES) {
                String holding = queue + ".upgrade";
                broker.invoke("broker", "createQueue", QueueConfiguration.of(holding).setAddress(holding)
                        .setRoutingType(RoutingType.ANYCAST).setDurable(true).setAutoCreateAddress(true).toJSON());
                broker.invoke("queue." + queue, "moveMessages", null, holding);
                await().atMost(Duration.ofSeconds(10)).until(() -> broker.depth(queue) == 0);
                broker.invoke("broker", "destroyQueue", queue);
                broker.invoke("broker", "deleteAddress", queue);
            }
            assertThat(broker.depth("guest.routing.upgrade")).isEqualTo(3);
            assertThat(broker.depth("guest.crm.upgrade")).isEqualTo(2);
        }
        // this broker.xml in place (here a restart on the same journal), the messages moved back
        try (BrokerProcess broker = BrokerProcess.start(data)) {
            for (String queue : AcceptedQueues.QUEUES) {
                String holding = queue + ".upgrade";
                broker.invoke("queue." + holding, "moveMessages", null, queue);
                await().atMost(Duration.ofSeconds(10)).until(() -> broker.depth(holding) == 0);
                broker.invoke("broker", "destroyQueue", holding);
                broker.invoke("broker", "deleteAddress", holding);
            }
            assertThat(broker.depth("guest.routing")).as("a move to a queue reaches that queue alone").isEqualTo(3);
            assertThat(broker.depth("guest.crm")).isEqualTo(2);

            GroupedMessages.send(broker.connectionFactory(), AcceptedQueues.ADDRESS, List.of("new"));
            assertThat(GroupedMessages.receive(broker.connectionFactory(), "guest.routing")).containsExactly("r1", "r2", "r3", "new");
            assertThat(GroupedMessages.receive(broker.connectionFactory(), "guest.crm")).containsExactly("c1", "c2", "new");
        }
    }

    /** deploy/broker.xml as it was before guest.accepted: each queue on an anycast address of its name. */
    private static Path earlierBrokerXml(Path dir) throws Exception {
        String current = Files.readString(Path.of("deploy/broker.xml"));
        int start = current.indexOf("<address name=\"guest.accepted\">");
        int end = current.indexOf("</address>", start) + "</address>".length();
        assertThat(start).as("guest.accepted in deploy/broker.xml").isPositive();
        Path earlier = dir.resolve("broker-earlier.xml");
        Files.writeString(earlier, current.substring(0, start) + EARLIER_ADDRESSES + current.substring(end));
        return earlier;
    }
}
