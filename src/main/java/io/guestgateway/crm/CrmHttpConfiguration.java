package io.guestgateway.crm;

import io.guestgateway.config.CrmProperties;
import io.guestgateway.config.CxoneProperties;
import io.guestgateway.cxone.HttpsTrust;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CRM's HTTP client, declared once for every runtime ({@code @Bean} for Spring Boot,
 * {@code @BindToRegistry} for Camel Main, see {@link io.guestgateway.routing.RoutingConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class CrmHttpConfiguration implements CamelConfiguration {

    /**
     * The CRM's own HTTP component ({@code crm-http:} in the route): its own connection pool and
     * timeouts, so a hanging CRM can neither hold connections the Task Routing calls need nor
     * inherit their settings. One batch is in flight at a time; a small pool is plenty.
     * <p>
     * An https {@code crm.url} trusts {@code crm.tls} (unset: the JVM's CAs), read here so a wrong
     * path or password stops start-up naming the key. An http one gets no SSL settings: camel-http
     * would make it a TLS call.
     */
    @Bean("crm-http")
    @BindToRegistry(value = "crm-http", lazy = true)
    public HttpComponent crmHttpComponent(CrmProperties crm) {
        CxoneProperties.Tls tls = crm.tls();
        SSLContextParameters trust = HttpsTrust.sslContextParameters("crm.tls", tls.trustStore(),
                tls.trustStorePassword(), tls.trustStoreType());
        HttpComponent http = new HttpComponent();
        if ("https".equalsIgnoreCase(crm.url().getScheme())) {
            http.setSslContextParameters(trust);
        }
        http.setAutomaticRetriesDisabled(true); // retries are the route's error handler's
        long timeout = crm.httpTimeout().toMillis();
        http.setConnectTimeout(timeout);
        http.setConnectionRequestTimeout(timeout);
        http.setResponseTimeout(timeout);
        http.setSoTimeout(timeout);
        http.setMaxTotalConnections(4);
        http.setConnectionsPerRoute(4);
        return http;
    }
}
