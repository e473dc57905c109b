package io.guestgateway.cxone;

import io.guestgateway.config.CxoneProperties;
import io.guestgateway.cxone.ws.CxoneWsComponent;
import io.guestgateway.cxone.ws.SubscriptionStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Wiring of the CXone login and subscription; the classes it wires know nothing of Spring.
 * The {@code cxone-ws} component gets its defaults from the typed {@code cxone.*} settings, so a
 * route needs only {@code from: uri: cxone-ws:guest-frames} (its parameters still override).
 *
 * <p>The start-up credentials check, health and metrics are in {@link SubscriptionHostConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@Import(SubscriptionHostConfiguration.class)
public class SubscriptionConfiguration {

    /**
     * Whom the CXone clients trust: the SSL bundle named by {@code cxone.ssl-bundle}, its
     * SSLContext made here once, so an unknown bundle or an unreadable store fails start-up
     * naming the key.
     */
    @Bean
    public TlsTrust cxoneTls(CxoneProperties cxone, ObjectProvider<SslBundles> sslBundles) {
        return TlsTrust.of(sslBundles.getIfAvailable(DefaultSslBundleRegistry::new), TlsTrust.CXONE_KEY,
                cxone.sslBundle());
    }

    @Bean
    public CxoneTokenProvider cxoneTokens(CxoneProperties cxone, TlsTrust cxoneTls) {
        return CxoneTokenProvider.builder(cxone.apiBase(), cxone.clientId(), cxone.clientSecret())
                .scope(cxone.scope())
                .refreshBuffer(cxone.tokenRefreshBuffer())
                .httpTimeout(cxone.httpTimeout())
                .tls(cxoneTls)
                .build();
    }

    @Bean
    public SubscriptionStatus cxoneSubscriptionStatus() {
        return new SubscriptionStatus();
    }

    @Bean(CxoneWsComponent.SCHEME)
    public CxoneWsComponent cxoneWsComponent(CxoneProperties cxone, CxoneTokenProvider cxoneTokens,
            SubscriptionStatus cxoneSubscriptionStatus, TlsTrust cxoneTls) {
        CxoneWsComponent component = new CxoneWsComponent();
        CxoneProperties.WebSocket ws = cxone.websocket();
        component.setWsUrl(cxone.wsUrl().toString());
        component.setMaxFrameSize(ws.maxFrameSize());
        component.setReconnectInitialDelay(ws.reconnectInitialDelay());
        component.setReconnectMaxDelay(ws.reconnectMaxDelay());
        component.setHeartbeatInterval(ws.heartbeat());
        component.setConnectTimeout(ws.connectTimeout());
        component.setAccessTokens(cxoneTokens);
        component.setTlsTrust(cxoneTls);
        component.setSubscriptionStatus(cxoneSubscriptionStatus);
        return component;
    }
}
