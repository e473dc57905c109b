package io.guestgateway.crm;

import io.guestgateway.config.CrmProperties;
import io.guestgateway.cxone.TlsTrust;
import org.apache.camel.component.http.HttpComponent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CRM's HTTP client: the {@code crm-http} component, with its own pool and timeouts.
 */
@Configuration(proxyBeanMethods = false)
public class CrmHttpConfiguration {

    /**
     * The CRM's own HTTP component ({@code crm-http:} in the route): its own connection pool and
     * timeouts, so a hanging CRM can neither hold connections the Task Routing calls need nor
     * inherit their settings. One batch is in flight at a time; a small pool is plenty.
     * <p>
     * An https {@code crm.url} trusts the SSL bundle of {@code crm.ssl-bundle} (unset: the JVM's
     * CAs), its SSLContext made here so an unknown bundle or unreadable store stops start-up naming
     * the key. An http one gets no SSL settings: camel-http would make it a TLS call.
     */
    @Bean("crm-http")
    public HttpComponent crmHttpComponent(CrmProperties crm, ObjectProvider<SslBundles> sslBundles) {
        TlsTrust trust = TlsTrust.of(sslBundles.getIfAvailable(DefaultSslBundleRegistry::new), TlsTrust.CRM_KEY,
                crm.sslBundle());
        HttpComponent http = new HttpComponent();
        if ("https".equalsIgnoreCase(crm.url().getScheme())) {
            http.setSslContextParameters(trust.camelSslContextParameters());
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
