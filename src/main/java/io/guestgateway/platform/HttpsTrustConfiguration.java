package io.guestgateway.platform;

import io.guestgateway.config.CrmProperties;
import io.guestgateway.config.CxoneProperties;
import io.guestgateway.cxone.HttpsTrust;
import io.guestgateway.cxone.TrustStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Whom the routes' https calls trust, as the beans their endpoints name
 * ({@code sslContextParameters: "#..."}). Certificate and host-name checks stay on either way.
 *
 * <p>Declared once for every runtime: {@code @Bean} for Spring Boot, {@code @BindToRegistry} for
 * Camel Main (see {@link io.guestgateway.routing.RoutingConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class HttpsTrustConfiguration implements CamelConfiguration {

    /** The Task Routing call: the same {@code cxone.tls} store as the token call and the WebSocket, read once. */
    @Bean
    @BindToRegistry(lazy = true)
    public SSLContextParameters cxoneSslContextParameters(TrustStore cxoneTrustStore) {
        return HttpsTrust.sslContextParameters(cxoneTrustStore);
    }

    /** The CRM POST: {@code crm.tls.*}, read here so a wrong path or password stops start-up naming the key. */
    @Bean
    @BindToRegistry(lazy = true)
    public SSLContextParameters crmSslContextParameters(CrmProperties crm) {
        CxoneProperties.Tls tls = crm.tls();
        return HttpsTrust.sslContextParameters("crm.tls", tls.trustStore(), tls.trustStorePassword(),
                tls.trustStoreType());
    }
}
