package io.guestgateway.config;

import io.guestgateway.GatewayApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Checks the gateway's whole configuration as soon as it is read, before the application context
 * starts the web server, the broker or the database: a wrong production configuration is named
 * key by key in one run, not one key per restart, and nothing is written to the data directory.
 * Runs after logging is set up, so the failure report is printed. Other applications on this
 * classpath (tests that build a narrower context) bind only the settings they use and are left alone.
 */
public class ConfigurationCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (!event.getSpringApplication().getAllSources().contains(GatewayApplication.class)) {
            return;
        }
        var problems = SettingsCheck.problems(event.getEnvironment());
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
