package io.guestgateway.crm;

import java.time.Duration;
import org.apache.camel.spi.PropertiesFunction;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * {@code {{millis:crm.initial-delay}}}: a duration setting as Spring reads it ({@code 2s},
 * {@code 500ms}, {@code PT2S}), in milliseconds, for the route options Camel 4.17 reads as plain
 * milliseconds only (an {@code onException}'s redelivery delays, parsed when a failure occurs).
 */
final class MillisFunction implements PropertiesFunction {

    private final Binder settings;

    MillisFunction(Environment environment) {
        this.settings = Binder.get(environment);
    }

    @Override
    public String getName() {
        return "millis";
    }

    @Override
    public String apply(String key) {
        Duration duration = settings.bind(key.trim(), Duration.class)
                .orElseThrow(() -> new IllegalArgumentException("Property with key [" + key + "] not found"));
        return Long.toString(duration.toMillis());
    }
}
