package io.guestgateway.platform;

import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the embedded broker's addresses and queues as MBeans, so Hawtio's JMX tree shows their
 * depths and can browse their messages (dead letters included) over Jolokia. Artemis turns JMX on
 * by default; it is stated here because the console depends on it. Only applies to the embedded
 * broker; an external one exposes its own management.
 */
@Configuration
public class BrokerJmxConfiguration {

    @Bean
    ArtemisConfigurationCustomizer brokerJmxManagement() {
        return config -> config.setJMXManagementEnabled(true);
    }
}
