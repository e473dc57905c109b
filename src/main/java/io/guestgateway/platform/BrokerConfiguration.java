package io.guestgateway.platform;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.CoreQueueConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settings for the embedded Artemis broker (an external broker is configured on its own side).
 * Camel owns redelivery and dead letters for the gateway's queues; the broker's own dead-letter
 * address only catches what a consumer failed to take {@value #BROKER_ATTEMPTS} times in a row
 * (a poison message or a crash loop), so nothing is silently dropped. A message sent to a guest
 * address that has no queue bound goes there too, instead of vanishing.
 *
 * <p>Accepted guest messages go to the multicast address {@link AcceptedQueues#ADDRESS} with the
 * queues guest.routing and guest.crm bound to it (declared here); the other queues, each on an
 * anycast address of its own name, come from {@code spring.artemis.embedded.queues}.
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
                    .setAutoCreateAddresses(false)
                    .setSendToDLAOnNoRoute(true));
            CoreAddressConfiguration accepted = new CoreAddressConfiguration()
                    .setName(AcceptedQueues.ADDRESS)
                    .addRoutingType(RoutingType.MULTICAST);
            for (String queue : AcceptedQueues.QUEUES) {
                accepted.addQueueConfiguration(new CoreQueueConfiguration()
                        .setName(queue).setAddress(AcceptedQueues.ADDRESS)
                        .setRoutingType(RoutingType.MULTICAST).setDurable(true));
            }
            config.addAddressConfiguration(accepted);
            config.addAddressConfiguration(new CoreAddressConfiguration()
                    .setName(UNDELIVERABLE)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfiguration(new CoreQueueConfiguration()
                            .setName(UNDELIVERABLE).setAddress(UNDELIVERABLE)
                            .setRoutingType(RoutingType.ANYCAST).setDurable(true)));
        };
    }

    /** Moves guest.routing and guest.crm of a journal written before {@link AcceptedQueues#ADDRESS}. */
    @Bean
    AcceptedAddressUpgrade acceptedAddressUpgrade(ObjectProvider<EmbeddedActiveMQ> embedded) throws Exception {
        AcceptedAddressUpgrade upgrade = new AcceptedAddressUpgrade();
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        if (broker != null) {
            upgrade.run(broker.getActiveMQServer());
        }
        return upgrade;
    }
}
