package io.guestgateway.platform;

import org.apache.camel.model.ModelLifecycleStrategy;
import org.jolokia.server.core.service.api.Restrictor;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the administrator's consoles (actuator endpoints, Hawtio over Jolokia) may show: values yes,
 * secrets no. Jolokia's actuator servlet picks up every {@link Restrictor} bean.
 */
@Configuration
public class ConsoleConfiguration {

    @Bean
    SanitizingFunction secretSanitizer() {
        return new SecretSanitizer();
    }

    @Bean
    Restrictor jolokiaSecretsRestrictor() {
        return new JolokiaSecretsRestrictor();
    }

    /** Camel adds every ModelLifecycleStrategy bean to its model before the routes are loaded. */
    @Bean
    ModelLifecycleStrategy dumpableThrottles() {
        return new DumpableThrottles();
    }
}
