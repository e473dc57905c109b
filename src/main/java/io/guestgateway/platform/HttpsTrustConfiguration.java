package io.guestgateway.platform;

import io.guestgateway.cxone.TlsTrust;
import org.apache.camel.component.http.HttpComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Whom the Task Routing call trusts over https: the SSL bundle of {@code cxone.ssl-bundle}, the
 * same SSLContext as the token call and the WebSocket, or the JVM's CAs when it is unset.
 * Certificate and host-name checks stay on either way. The CRM's trust ({@code crm.ssl-bundle}) is
 * on its own component, {@code crm-http}.
 * <p>
 * The trust is set on a component that only ever makes https calls, never on an endpoint or on
 * the {@code http} component: camel-http treats any endpoint with SSL settings as secure and would
 * turn an {@code http://} URL (the sandbox) into a TLS call.
 */
@Configuration(proxyBeanMethods = false)
public class HttpsTrustConfiguration {

    /** The {@code https:} component: the routing call when {@code cxone.api-base} is https. */
    @Bean("https")
    public HttpComponent httpsComponent(TlsTrust cxoneTls) {
        HttpComponent https = new HttpComponent();
        https.setSslContextParameters(cxoneTls.camelSslContextParameters());
        https.setAutomaticRetriesDisabled(true); // retries are the routes' error handlers'
        return https;
    }
}
