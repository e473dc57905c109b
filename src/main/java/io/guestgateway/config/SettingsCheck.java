package io.guestgateway.config;

import io.guestgateway.cxone.TlsTrust;
import io.guestgateway.cxone.TrustStoreException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PropertiesSslBundle;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.core.env.Environment;

/**
 * Binds every settings record from the environment as the application context will, and lists
 * everything that is wrong at once, one line per key: values that cannot be converted, constraint
 * violations (among them the required addresses and credentials) and SSL bundles that are not
 * defined or cannot be read. Values are never quoted: a key may hold a secret.
 */
final class SettingsCheck {

    /** Every settings record the gateway binds, by its prefix. */
    private static final Map<String, Class<?>> RECORDS = new LinkedHashMap<>();

    static {
        RECORDS.put("cxone", CxoneProperties.class);
        RECORDS.put("crm", CrmProperties.class);
        RECORDS.put("gateway", GatewayProperties.class);
        RECORDS.put("routing", RoutingProperties.class);
        RECORDS.put("sla", SlaProperties.class);
    }

    private SettingsCheck() {}

    /** The records checked; every {@code @ConfigurationProperties} record of the gateway. */
    static Collection<Class<?>> records() {
        return RECORDS.values();
    }

    /** The problems, sorted by key; empty when the configuration is good. */
    static List<String> problems(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, String> byKey = new TreeMap<>(); // key -> its one line
        Map<String, Object> bound = new LinkedHashMap<>();
        RECORDS.forEach((prefix, type) -> {
            UnreadableKeys unreadable = new UnreadableKeys();
            Object settings = binder.bindOrCreate(prefix, Bindable.of(type), unreadable);
            // a value that cannot be read is bound as unset: say so once, not also "is required"
            unreadable.problems.forEach(problem -> byKey.putIfAbsent(problem.key(), problem.line()));
            SettingsViolations.of(prefix, settings, path -> false)
                    .forEach(problem -> byKey.putIfAbsent(problem.key(), problem.line()));
            bound.put(prefix, settings);
        });
        SslProperties ssl = binder.bindOrCreate("spring.ssl", SslProperties.class);
        sslBundle(TlsTrust.CXONE_KEY, ((CxoneProperties) bound.get("cxone")).sslBundle(), ssl, byKey);
        sslBundle(TlsTrust.CRM_KEY, ((CrmProperties) bound.get("crm")).sslBundle(), ssl, byKey);
        return List.copyOf(byKey.values());
    }

    /** Loads a named SSL bundle now, as the clients will; its message names the key, never a password. */
    private static void sslBundle(String key, String name, SslProperties ssl, Map<String, String> byKey) {
        if (name == null || name.isBlank()) {
            return;
        }
        DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
        try {
            JksSslBundleProperties jks = ssl.getBundle().getJks().get(name.trim());
            PemSslBundleProperties pem = ssl.getBundle().getPem().get(name.trim());
            if (jks != null) {
                registry.registerBundle(name.trim(), PropertiesSslBundle.get(jks));
            } else if (pem != null) {
                registry.registerBundle(name.trim(), PropertiesSslBundle.get(pem));
            }
            TlsTrust.of(registry, key, name);
        } catch (TrustStoreException e) {
            byKey.put(key, "Invalid configuration: " + e.getMessage());
        } catch (RuntimeException e) {
            byKey.put(key, "Invalid configuration: " + key + " names SSL bundle '" + name.trim()
                    + "', which cannot be read (check its spring.ssl.bundle keys)");
        }
    }

    /** Records each value that cannot be converted, and lets binding go on without it. */
    private static final class UnreadableKeys extends AbstractBindHandler {

        private final List<SettingsViolations.Problem> problems = new ArrayList<>();

        @Override
        public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                Exception error) {
            Class<?> type = target.getType().resolve(Object.class);
            problems.add(new SettingsViolations.Problem(name.toString(), "cannot be read as " + type.getSimpleName()));
            return null;
        }
    }
}
