package io.guestgateway.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded CXone sandbox in every gateway on the test class path (the test suite,
 * {@code ./mvnw spring-boot:test-run}, the benchmarks) unless {@code cxone.sandbox.enabled} is
 * false, with the port, credentials, token lifetime and start-up faults of {@code cxone.sandbox.*}.
 * {@link SandboxDefaults} points the gateway at it. Listed in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports} of the
 * test resources, so the production jar knows nothing of it.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "cxone.sandbox.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    public CxoneSandbox cxoneSandbox(SandboxProperties config) {
        CxoneSandbox sandbox = CxoneSandbox.start(config.settings());
        LOG.warn("*** CXone SANDBOX ON at {} — a stand-in for CXone and the CRM, not production ***",
                sandbox.apiBase());
        return sandbox;
    }

    /** The admin password {@link SandboxDefaults} generated, shown once; never one set anywhere else. */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> generatedPasswordAnnouncement() {
        return event -> {
            ConfigurableEnvironment env = event.getApplicationContext().getEnvironment();
            var defaults = env.getPropertySources().get(SandboxDefaults.SOURCE_NAME);
            Object generated = defaults == null ? null : defaults.getProperty("gateway.admin.password");
            if (generated != null && generated.equals(env.getProperty("gateway.admin.password"))) {
                LOG.warn("Admin login for this run (sandbox mode, generated): user '{}' password '{}'."
                                + " Set gateway.admin.password to choose one.",
                        env.getProperty("gateway.admin.username", "admin"), generated);
            }
        };
    }
}
