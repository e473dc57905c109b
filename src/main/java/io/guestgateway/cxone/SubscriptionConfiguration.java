package io.guestgateway.cxone;

import io.guestgateway.config.CxoneProperties;
import io.guestgateway.cxone.ws.CxoneWsComponent;
import io.guestgateway.cxone.ws.SubscriptionStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring of the CXone login and subscription; the classes it wires know nothing of Spring.
 * The {@code cxone-ws} component gets its defaults from the typed {@code cxone.*} settings, so a
 * route needs only {@code from: uri: cxone-ws:guest-frames} (its parameters still override).
 */
@Configuration(proxyBeanMethods = false)
public class SubscriptionConfiguration {

    /**
     * Whom the CXone clients trust ({@code cxone.tls.*}); read here so a wrong path or password
     * fails start-up with a message naming the key.
     */
    @Bean
    public TrustStore cxoneTrustStore(CxoneProperties cxone) {
        CxoneProperties.Tls tls = cxone.tls();
        return TrustStore.of(tls.trustStore(), tls.trustStorePassword(), tls.trustStoreType());
    }

    @Bean
    public CxoneTokenProvider cxoneTokens(CxoneProperties cxone, TrustStore cxoneTrustStore) {
        return new CxoneTokenProvider(TokenSettings.from(cxone), cxoneTrustStore);
    }

    /**
     * Checks the credentials once everything (the sandbox included) is up: wrong credentials or a
     * missing scope fail start-up with a message naming them; an unreachable CXone only warns.
     */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> cxoneCredentialsCheck(CxoneTokenProvider cxoneTokens) {
        return event -> cxoneTokens.verifyAtStartup();
    }

    @Bean
    public SubscriptionStatus cxoneSubscriptionStatus() {
        return new SubscriptionStatus();
    }

    @Bean(CxoneWsComponent.SCHEME)
    public CxoneWsComponent cxoneWsComponent(CxoneProperties cxone, CxoneTokenProvider cxoneTokens,
            SubscriptionStatus cxoneSubscriptionStatus) {
        CxoneWsComponent component = new CxoneWsComponent();
        CxoneProperties.WebSocket ws = cxone.websocket();
        component.setWsUrl(cxone.wsUrl().toString());
        component.setMaxFrameSize(ws.maxFrameSize());
        component.setReconnectInitialDelay(ws.reconnectInitialDelay());
        component.setReconnectMaxDelay(ws.reconnectMaxDelay());
        component.setHeartbeatInterval(ws.heartbeat());
        component.setConnectTimeout(ws.connectTimeout());
        component.setAccessTokens(cxoneTokens);
        component.setTrustStore(cxone.tls().trustStore());
        component.setTrustStorePassword(cxone.tls().trustStorePassword());
        component.setTrustStoreType(cxone.tls().trustStoreType());
        component.setSubscriptionStatus(cxoneSubscriptionStatus);
        return component;
    }

    @Bean
    public CxoneWebSocketHealthIndicator cxoneWebSocketHealthIndicator(SubscriptionStatus cxoneSubscriptionStatus) {
        return new CxoneWebSocketHealthIndicator(cxoneSubscriptionStatus);
    }

    /** Bound by Spring Boot to every MeterRegistry there is; without one it is simply unused. */
    @Bean
    public MeterBinder cxoneWebSocketMetrics(SubscriptionStatus cxoneSubscriptionStatus) {
        return registry -> {
            FunctionCounter.builder("gateway.websocket.reconnects", cxoneSubscriptionStatus, SubscriptionStatus::reconnects)
                    .description("CXone WebSocket connection attempts after the first").register(registry);
            FunctionCounter.builder("gateway.websocket.frames", cxoneSubscriptionStatus, SubscriptionStatus::frames)
                    .description("CXone WebSocket data frames handed to the route").register(registry);
            Gauge.builder("gateway.websocket.authenticated", cxoneSubscriptionStatus,
                            s -> s.state() == SubscriptionStatus.State.AUTHENTICATED ? 1 : 0)
                    .description("1 while the CXone subscription is authenticated").register(registry);
        };
    }
}
