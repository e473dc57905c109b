package io.guestgateway.cxone;

import io.guestgateway.cxone.ws.SubscriptionStatus;
import io.guestgateway.platform.LeaderConfiguration;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.camel.cluster.CamelClusterService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the Spring Boot host adds to the CXone subscription of {@link SubscriptionConfiguration}:
 * the credentials check once the application is ready, the {@code cxoneWebSocket} health and the
 * {@code gateway.websocket.*} metrics: what reads the running application rather than builds
 * the subscription.
 */
@Configuration(proxyBeanMethods = false)
public class SubscriptionHostConfiguration {

    /**
     * Checks the credentials once everything (the sandbox included) is up: wrong credentials or a
     * missing scope fail start-up with a message naming them; an unreachable CXone only warns.
     */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> cxoneCredentialsCheck(CxoneTokenProvider cxoneTokens) {
        return event -> cxoneTokens.verifyAtStartup();
    }

    /** Role from the leader election ({@link LeaderConfiguration}), state from the subscription. */
    @Bean
    public CxoneWebSocketHealthIndicator cxoneWebSocketHealthIndicator(SubscriptionStatus cxoneSubscriptionStatus,
            ObjectProvider<CamelClusterService> leaderElection) {
        return new CxoneWebSocketHealthIndicator(cxoneSubscriptionStatus, () -> {
            CamelClusterService election = leaderElection.getIfUnique();
            return election != null && election.isLeader(LeaderConfiguration.SUBSCRIPTION_NAMESPACE);
        });
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
                    .description("1 while this pod holds an authenticated CXone subscription, 0 otherwise")
                    .register(registry);
        };
    }
}
