package io.guestgateway.platform;

import io.guestgateway.config.CrmProperties;
import io.guestgateway.config.CxoneProperties;
import io.guestgateway.cxone.HttpsTrust;
import io.guestgateway.cxone.TrustStore;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Whom the routes' https calls trust. Certificate and host-name checks stay on either way.
 * <p>
 * The trust is set on components that only ever make https calls, never on an endpoint or on the
 * {@code http} component: camel-http treats any endpoint with SSL settings as secure and would turn
 * an {@code http://} URL (the sandbox) into a TLS call.
 */
@Configuration(proxyBeanMethods = false)
public class HttpsTrustConfiguration {

    /** The Task Routing call: the same {@code cxone.tls} store as the token call and the WebSocket, read once. */
    @Bean
    SSLContextParameters cxoneSslContextParameters(TrustStore cxoneTrustStore) {
        return HttpsTrust.sslContextParameters(cxoneTrustStore);
    }

    /**
     * The {@code https:} component: the Task Routing call when {@code cxone.api-base} is https. An
     * http base uses the {@code http} component, untouched.
     */
    @Bean("https")
    HttpComponent httpsComponent(SSLContextParameters cxoneSslContextParameters) {
        HttpComponent https = new HttpComponent();
        https.setSslContextParameters(cxoneSslContextParameters);
        https.setAutomaticRetriesDisabled(true); // retries are the routes' error handlers'
        return https;
    }

    /** The CRM POST: {@code crm.tls.*}, read here so a wrong path or password stops start-up naming the key. */
    @Bean
    SSLContextParameters crmSslContextParameters(CrmProperties crm) {
        CxoneProperties.Tls tls = crm.tls();
        return HttpsTrust.sslContextParameters("crm.tls", tls.trustStore(), tls.trustStorePassword(),
                tls.trustStoreType());
    }
}
