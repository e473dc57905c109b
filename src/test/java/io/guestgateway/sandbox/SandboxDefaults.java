package io.guestgateway.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * With the sandbox on (the default on the test class path), adds below everything a user can set:
 * the sandbox's own settings from {@code sandbox.yaml}; CXone's and the CRM's addresses and
 * credentials pointing at the sandbox; and an admin password generated for this run when none is
 * set, which {@link SandboxConfiguration} prints once. Registered in the test resources'
 * {@code META-INF/spring.factories}.
 */
public class SandboxDefaults implements EnvironmentPostProcessor {

    public static final String SOURCE_NAME = "sandboxDefaults";
    public static final String PASSWORD_GENERATED = "gateway.admin.password-generated";
    static final String SETTINGS_FILE = "sandbox.yaml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("cxone.sandbox.enabled", Boolean.class, true)) {
            return;
        }
        try {
            new YamlPropertySourceLoader().load(SETTINGS_FILE, new ClassPathResource(SETTINGS_FILE))
                    .forEach(env.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String port = env.getProperty("cxone.sandbox.port", "8089");
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("cxone.api-base", "http://127.0.0.1:" + port);
        defaults.put("cxone.ws-url", "ws://127.0.0.1:" + port + WebSocketHub.PATH);
        defaults.put("cxone.client-id", env.getProperty("cxone.sandbox.client-id", "sandbox-client"));
        defaults.put("cxone.client-secret", env.getProperty("cxone.sandbox.client-secret", "sandbox-secret"));
        defaults.put("crm.url", "http://127.0.0.1:" + port + "/crm/batch");
        if (!env.containsProperty("gateway.admin.password")) {
            defaults.put("gateway.admin.password", generatePassword());
            defaults.put(PASSWORD_GENERATED, "true");
        }
        env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
