package io.guestgateway.platform;

import io.guestgateway.support.GatewayRun;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

/**
 * One broker for several gateways (each with {@code spring.artemis.mode=native} and
 * {@link #url()}): Artemis in the test's JVM on a loopback TCP port, with the queues the embedded
 * broker declares ({@code spring.artemis.embedded.queues} in application.yaml, and guest.routing and
 * guest.crm on the address guest.accepted) and the gateway's own broker settings (dead letters, no
 * auto-creation). Not persistent: it outlives every gateway of a
 * test, and its own durability is not under test.
 */
final class SharedBroker implements AutoCloseable {

    private final EmbeddedActiveMQ broker;
    private final int port;

    private SharedBroker(EmbeddedActiveMQ broker, int port) {
        this.broker = broker;
        this.port = port;
    }

    public static SharedBroker start(Path dataDir) throws Exception {
        int port = GatewayRun.freePort();
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.setBrokerInstance(dataDir.toFile());
        config.addAcceptorConfiguration("gateways", "tcp://127.0.0.1:" + port);
        new BrokerConfiguration().gatewayBrokerSettings().customize(config);
        for (String queue : embeddedQueues()) {
            config.addAddressConfiguration(new CoreAddressConfiguration().setName(queue)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfiguration(QueueConfiguration.of(queue).setAddress(queue)
                            .setRoutingType(RoutingType.ANYCAST).setDurable(true)));
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        return new SharedBroker(broker, port);
    }

    /** For {@code spring.artemis.broker-url}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Messages in the queue, those delivered and not yet acknowledged included. */
    public long depth(String queue) {
        return queue(queue).getMessageCount();
    }

    public int consumers(String queue) {
        Queue q = queue(queue);
        return q == null ? 0 : q.getConsumerCount();
    }

    private Queue queue(String name) {
        return broker.getActiveMQServer().locateQueue(SimpleString.of(name));
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }

    private static String[] embeddedQueues() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource("application.yaml"));
        return yaml.getObject().getProperty("spring.artemis.embedded.queues").split(",");
    }
}
