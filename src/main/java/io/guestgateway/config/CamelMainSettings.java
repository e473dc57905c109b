package io.guestgateway.config;

import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The typed settings for a runtime without Spring Boot (Camel Main, Camel JBang, Camel K), read
 * from Camel's properties ({@code application.properties}, {@code --property}, the environment) with
 * {@link SettingsBinder}. Under Spring Boot, {@code @ConfigurationPropertiesScan} binds the same
 * records instead and this class is not loaded. Listed first in
 * {@code camel.main.configuration-classes} (deploy/camel-main.properties).
 */
public class CamelMainSettings implements CamelConfiguration {

    @BindToRegistry
    public CxoneProperties cxoneProperties(CamelContext camel) {
        return SettingsBinder.bind("cxone", CxoneProperties.class, properties(camel), path -> false);
    }

    /**
     * The admin login guards the Spring Boot host's admin API and console, which this runtime does
     * not have: {@code gateway.admin.*} is not required here.
     */
    @BindToRegistry
    public GatewayProperties gatewayProperties(CamelContext camel) {
        return SettingsBinder.bind("gateway", GatewayProperties.class, properties(camel),
                path -> path.startsWith("admin"));
    }

    @BindToRegistry
    public RoutingProperties routingProperties(CamelContext camel) {
        return SettingsBinder.bind("routing", RoutingProperties.class, properties(camel), path -> false);
    }

    @BindToRegistry
    public CrmProperties crmProperties(CamelContext camel) {
        return SettingsBinder.bind("crm", CrmProperties.class, properties(camel), path -> false);
    }

    @BindToRegistry
    public SlaProperties slaProperties(CamelContext camel) {
        return SettingsBinder.bind("sla", SlaProperties.class, properties(camel), path -> false);
    }

    private static Function<String, Optional<String>> properties(CamelContext camel) {
        return camel.getPropertiesComponent()::resolveProperty;
    }
}
