package io.guestgateway.sandbox;

import io.guestgateway.config.CxoneProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded CXone sandbox while {@code cxone.sandbox.enabled} is true (the default; the
 * {@code prod} profile turns it off), with the port, credentials, token lifetime and start-up
 * faults of {@code cxone.sandbox.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cxone.sandbox.enabled", havingValue = "true", matchIfMissing = true)
public class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    public CxoneSandbox cxoneSandbox(CxoneProperties cxone) {
        CxoneProperties.Sandbox config = cxone.sandbox();
        SandboxSettings settings = SandboxSettings.defaults()
                .withPort(config.port())
                .withClientId(config.clientId())
                .withClientSecret(config.clientSecret())
                .withTokenLifetime(config.tokenLifetime())
                .withRoutingFaults(faults(config.routing()))
                .withCrmFaults(faults(config.crm()));
        CxoneSandbox sandbox = CxoneSandbox.start(settings);
        LOG.warn("*** CXone SANDBOX ON at {} — a stand-in for CXone and the CRM, not production ***",
                sandbox.apiBase());
        return sandbox;
    }

    static FaultSettings faults(CxoneProperties.Faults config) {
        // Retry-After carries whole seconds; round a fractional setting up rather than to 0
        long retryAfter = (config.retryAfter().toMillis() + 999) / 1000;
        return new FaultSettings(config.failureRate(), config.every429(), (int) Math.min(retryAfter, Integer.MAX_VALUE),
                config.latency(), config.outage());
    }
}
