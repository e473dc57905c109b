package io.guestgateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that depend on where the gateway runs. Routes come from {@code ./routes} when the
 * gateway runs from a directory that has it (so a route edit needs no rebuild), else from the
 * copies packaged in the jar; added below everything a user can set. {@code crm.instance-id} is
 * the pod's name ({@code ${HOSTNAME:}} in application.yaml); where that is blank (a shell that does
 * not export HOSTNAME), this machine's host name, so that the route and the settings read one value.
 */
public class GatewayDefaults implements EnvironmentPostProcessor {

    public static final String SOURCE_NAME = "gatewayDefaults";
    static final String ROUTES_PATTERN = "camel.main.routes-include-pattern";
    static final String INSTANCE_ID = "crm.instance-id";
    static final String INSTANCE_ID_SOURCE = "crmInstanceIdFallback";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.containsProperty(ROUTES_PATTERN)) {
            env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, Map.of(ROUTES_PATTERN,
                    hasRouteFiles(Path.of("routes")) ? "file:routes/*.yaml" : "classpath:routes/*.yaml")));
        }
        String instanceId = env.getProperty(INSTANCE_ID);
        if (instanceId == null || instanceId.isBlank()) {
            // a blank value is no choice: it may win over the key's own default
            env.getPropertySources().addFirst(new MapPropertySource(INSTANCE_ID_SOURCE,
                    Map.of(INSTANCE_ID, hostName())));
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
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
