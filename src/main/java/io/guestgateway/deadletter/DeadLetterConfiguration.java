package io.guestgateway.deadletter;

import jakarta.jms.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring for the dead-letter admin API and the dead-letter MBeans Hawtio shows. */
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

    @Bean
    DeadLetterConsole routingDeadLetterConsole(DeadLetterQueues queues, DeadLetterStore store) throws Exception {
        return new DeadLetterConsole(queues.queue("routing").orElseThrow(), store);
    }

    @Bean
    DeadLetterConsole crmDeadLetterConsole(DeadLetterQueues queues, DeadLetterStore store) throws Exception {
        return new DeadLetterConsole(queues.queue("crm").orElseThrow(), store);
    }
}
