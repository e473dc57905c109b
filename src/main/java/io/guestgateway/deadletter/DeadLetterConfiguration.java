package io.guestgateway.deadletter;

import jakarta.jms.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring for the dead-letter admin API. */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean
    DeadLetterQueues deadLetterQueues() {
        return DeadLetterQueues.gatewayDefaults();
    }

    @Bean
    DeadLetterStore deadLetterStore(ConnectionFactory connectionFactory) {
        return new DeadLetterStore(connectionFactory);
    }
}
