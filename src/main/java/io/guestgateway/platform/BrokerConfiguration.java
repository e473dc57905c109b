package io.guestgateway.platform;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.CoreQueueConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settings for the embedded Artemis broker (an external broker is configured on its own side).
 * Camel owns redelivery and dead letters for the gateway's queues; the broker's own dead-letter
 * address only catches what a consumer failed to take {@value #BROKER_ATTEMPTS} times in a row
 * (a poison message or a crash loop), so nothing is silently dropped.
 */
@Configuration
public class BrokerConfiguration {

    static final String UNDELIVERABLE = "guest.undeliverable";
    static final int BROKER_ATTEMPTS = 50;

    @Bean
    ArtemisConfigurationCustomizer gatewayBrokerSettings() {
        return config -> {
            config.addAddressSetting("guest.#", new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(UNDELIVERABLE))
                    .setMaxDeliveryAttempts(BROKER_ATTEMPTS)
                    .setAutoCreateQueues(false)
                    .setAutoCreateAddresses(false));
            config.addAddressConfiguration(new CoreAddressConfiguration()
                    .setName(UNDELIVERABLE)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfiguration(new CoreQueueConfiguration()
                            .setName(UNDELIVERABLE).setAddress(UNDELIVERABLE)
                            .setRoutingType(RoutingType.ANYCAST).setDurable(true)));
        };
    }
}
