package io.guestgateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guestgateway.support.BrokerProcess;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

/**
 * deploy/broker.xml, the external broker that replicas share, declares what the embedded broker
 * declares (application.yaml's queues, BrokerConfiguration's settings), and a broker started from
 * it in its own process lets the gateway's user do what the gateway does and nothing it should not.
 */
class BrokerFileTest {

    private static final Path FILE = Path.of("deploy/broker.xml");

    @Test
    void declaresTheEmbeddedBrokersQueuesAndSettings() throws Exception {
        FileConfiguration file = new FileConfiguration();
        new FileDeploymentManager(FILE.toAbsolutePath().toUri().toString())
                .addDeployable(file).readConfiguration();
        ConfigurationImpl embedded = new ConfigurationImpl();
        new BrokerConfiguration().gatewayBrokerSettings().customize(embedded);

        TreeMap<String, String> expected = new TreeMap<>();
        for (String queue : embeddedQueues()) {
            expected.put(queue, queue + " ANYCAST " + queue);
        }
        expected.putAll(layout(embedded.getAddressConfigurations()));
        assertThat(layout(file.getAddressConfigurations())).as("durable addresses and queues in deploy/broker.xml")
                .isEqualTo(expected)
                .containsEntry(AcceptedQueues.ADDRESS, "guest.accepted MULTICAST guest.crm,guest.routing");

        AddressSettings want = embedded.getAddressSettings().get("guest.#");
        AddressSettings have = file.getAddressSettings().get("guest.#");
        assertThat(have).as("address-setting guest.#").isNotNull();
        assertThat(String.valueOf(have.getDeadLetterAddress())).isEqualTo(String.valueOf(want.getDeadLetterAddress()));
        assertThat(have.getMaxDeliveryAttempts()).isEqualTo(want.getMaxDeliveryAttempts());
        assertThat(have.isAutoCreateQueues()).isEqualTo(want.isAutoCreateQueues()).isFalse();
        assertThat(have.isAutoCreateAddresses()).isEqualTo(want.isAutoCreateAddresses()).isFalse();
        assertThat(have.isSendToDLAOnNoRoute()).isEqualTo(want.isSendToDLAOnNoRoute()).isTrue();
        assertThat(file.isPersistenceEnabled()).as("persistent").isTrue();
        assertThat(file.getJournalDirectory()).as("journal under artemis.data").endsWith("data/journal");
    }

    @Test
    void theGatewaysUserSendsConsumesAndBrowsesButCreatesNothing(@TempDir Path dir) throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"))) {
            Map<String, String> p = broker.gatewayProperties();
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(p.get("spring.artemis.broker-url"));
            try (Connection connection = factory.createConnection(p.get("spring.artemis.user"),
                    p.get("spring.artemis.password"))) {
                connection.start();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                // as ingest hands off: one send to the address puts the message on both queues
                MessageProducer producer = session.createProducer(session.createTopic(AcceptedQueues.ADDRESS));
                producer.send(session.createTextMessage("one"));
                session.commit();
                assertThat(broker.depth("guest.routing")).isEqualTo(1);
                assertThat(broker.depth("guest.crm")).isEqualTo(1);
                String routing = AcceptedQueues.fullyQualified("guest.routing");
                assertThat(session.createBrowser(session.createQueue(routing)).getEnumeration().hasMoreElements())
                        .as("browsed").isTrue();
                MessageConsumer consumer = session.createConsumer(session.createQueue(routing));
                assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("one");
                session.commit();
                assertThat(broker.depth("guest.routing")).isZero();
                assertThat(broker.depth("guest.crm")).as("the other queue's reference").isEqualTo(1);
                // as a replay sends: to one queue of the address alone
                session.createProducer(AcceptedQueues.sendTo("guest.crm")).send(session.createTextMessage("two"));
                session.commit();
                assertThat(broker.depth("guest.crm")).isEqualTo(2);
                assertThat(broker.depth("guest.routing")).as("a send to guest.crm alone").isZero();
                assertThat(broker.consumers("guest.routing")).isEqualTo(1);

                assertThatThrownBy(() -> session.createProducer(session.createQueue("guest.typo"))
                        .send(session.createTextMessage("lost?"))).as("a queue the file does not declare")
                        .isInstanceOf(JMSException.class);
            }
            assertThatThrownBy(() -> factory.createConnection(p.get("spring.artemis.user"), "wrong").close())
                    .as("a wrong password").isInstanceOf(JMSException.class);
        }
    }

    /** Each address: its name, its one routing type and its durable queues of that type, sorted. */
    private static TreeMap<String, String> layout(List<CoreAddressConfiguration> addresses) {
        TreeMap<String, String> layout = new TreeMap<>();
        for (CoreAddressConfiguration address : addresses) {
            String queues = address.getQueueConfigs().stream()
                    .filter(q -> q.isDurable() == null || q.isDurable())
                    .filter(q -> address.getRoutingTypes().contains(q.getRoutingType()))
                    .filter(q -> q.getAddress() == null || q.getAddress().toString().equals(address.getName()))
                    .map(q -> q.getName().toString())
                    .sorted()
                    .collect(Collectors.joining(","));
            layout.put(address.getName(), address.getName() + " " + address.getRoutingTypes().stream()
                    .map(Enum::name).sorted().collect(Collectors.joining("+")) + " " + queues);
        }
        return layout;
    }

    private static String[] embeddedQueues() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource("application.yaml"));
        return yaml.getObject().getProperty("spring.artemis.embedded.queues").split(",");
    }
}
