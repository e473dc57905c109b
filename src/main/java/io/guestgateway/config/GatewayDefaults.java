package io.guestgateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that depend on other settings, added below everything a user can set:
 * <ul>
 *   <li>with the sandbox on, CXone's and the CRM's addresses and credentials are the sandbox's,
 *       and an admin password is generated for this run when none is set;</li>
 *   <li>routes come from {@code ./routes} when the gateway runs from a directory that has it (so a
 *       route edit needs no rebuild), else from the copies packaged in the jar.</li>
 * </ul>
 */
public class GatewayDefaults implements EnvironmentPostProcessor {

    public static final String SOURCE_NAME = "gatewayDefaults";
    public static final String PASSWORD_GENERATED = "gateway.admin.password-generated";
    static final String ROUTES_PATTERN = "camel.main.routes-include-pattern";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (env.getProperty("cxone.sandbox.enabled", Boolean.class, true)) {
            String port = env.getProperty("cxone.sandbox.port", "8089");
            defaults.put("cxone.api-base", "http://127.0.0.1:" + port);
            defaults.put("cxone.ws-url", "ws://127.0.0.1:" + port + "/webchat/v1/ws");
            defaults.put("cxone.client-id", env.getProperty("cxone.sandbox.client-id", "sandbox-client"));
            defaults.put("cxone.client-secret", env.getProperty("cxone.sandbox.client-secret", "sandbox-secret"));
            defaults.put("crm.url", "http://127.0.0.1:" + port + "/crm/batch");
            if (!env.containsProperty("gateway.admin.password")) {
                defaults.put("gateway.admin.password", generatePassword());
                defaults.put(PASSWORD_GENERATED, "true");
            }
        }
        if (!env.containsProperty(ROUTES_PATTERN)) {
            defaults.put(ROUTES_PATTERN, hasRouteFiles(Path.of("routes"))
                    ? "file:routes/*.yaml" : "classpath:routes/*.yaml");
        }
        env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    static boolean hasRouteFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".yaml"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
