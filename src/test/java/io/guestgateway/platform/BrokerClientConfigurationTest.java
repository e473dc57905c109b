package io.guestgateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.jms.connection.CachingConnectionFactory;

class BrokerClientConfigurationTest {

    @Test
    void theWindowReachesArtemisThroughSpringsCachingFactory() {
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory("vm://0");
        assertThat(artemis.getConsumerWindowSize()).isEqualTo(1024 * 1024); // Artemis' default

        BrokerClientConfiguration.apply(new CachingConnectionFactory(artemis), "jmsConnectionFactory", 0);

        assertThat(artemis.getConsumerWindowSize()).isZero();
    }

    @Test
    void aPlainArtemisFactoryTakesItToo() {
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory("vm://0");

        BrokerClientConfiguration.apply(artemis, "factory", -1);

        assertThat(artemis.getConsumerWindowSize()).isEqualTo(-1);
    }
}
