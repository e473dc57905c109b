package io.guestgateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A default that depends on where the gateway runs, added below everything a user can set: routes
 * come from {@code ./routes} when the gateway runs from a directory that has it (so a route edit
 * needs no rebuild), else from the copies packaged in the jar.
 */
public class GatewayDefaults implements EnvironmentPostProcessor {

    public static final String SOURCE_NAME = "gatewayDefaults";
    static final String ROUTES_PATTERN = "camel.main.routes-include-pattern";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.containsProperty(ROUTES_PATTERN)) {
            env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, Map.of(ROUTES_PATTERN,
                    hasRouteFiles(Path.of("routes")) ? "file:routes/*.yaml" : "classpath:routes/*.yaml")));
        }
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
}
