package io.guestgateway.platform;

import io.guestgateway.config.GatewayProperties;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.SingleConnectionFactory;

/**
 * The gateway's side of the broker connection, embedded or external:
 * {@code gateway.broker.consumer-window-size} on the Artemis connection factory Spring Boot builds
 * (also when it is wrapped in Spring's caching factory).
 * <p>
 * Artemis' default window (1 MiB) suits fast consumers. The routing consumers are slow (a call
 * to CXone, sometimes a retry wait of seconds): with a window, a backlog is split among the
 * consumers that exist when it arrives, and a message prefetched by a consumer waits behind that
 * consumer's retries while the others sit idle. A window of 0 leaves every message on the broker
 * until a consumer asks for it.
 * <p>
 * A conversation's order does not depend on the window: the hand-off groups its messages
 * ({@code JMSXGroupID}), and the broker gives a group's messages to one consumer at a time. With a
 * window of 0 the next one waits on the broker until the consumer is done with the one before.
 */
@Configuration
public class BrokerClientConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerClientConfiguration.class);

    @Bean
    static BeanPostProcessor brokerConsumerWindow(ObjectProvider<GatewayProperties> gateway) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof ConnectionFactory factory) {
                    apply(factory, name, gateway.getObject().broker().consumerWindowSize());
                }
                return bean;
            }
        };
    }

    static void apply(ConnectionFactory factory, String name, int windowBytes) {
        ConnectionFactory target = factory instanceof SingleConnectionFactory single
                ? single.getTargetConnectionFactory() : factory;
        if (target instanceof ActiveMQConnectionFactory artemis) {
            artemis.setConsumerWindowSize(windowBytes);
            LOG.debug("JMS connection factory {}: consumer window {} bytes", name, windowBytes);
        } else if (target != null) {
            LOG.warn("JMS connection factory {} is not Artemis' ({}): gateway.broker.consumer-window-size "
                    + "does not apply; set the prefetch on that factory", name, target.getClass().getName());
        }
    }
}
