package io.guestgateway.platform;

import io.guestgateway.config.GatewayProperties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Leadership for the one CXone WebSocket subscription ({@code master:} in routes/ingest.yaml).
 * Replicas that share the lock folder elect one leader by a file lock; a cluster service of another
 * kind in the context (a Kubernetes lease, say) replaces this bean and the route stays as it is.
 */
@Configuration
public class LeaderConfiguration {

    static final String BEAN_NAME = "gatewayLeaderElection";

    /** The namespace the {@code master:} route of the CXone subscription is elected in (routes/ingest.yaml). */
    public static final String SUBSCRIPTION_NAMESPACE = "cxone-subscription";

    @Bean
    @ConditionalOnMissingBean(CamelClusterService.class)
    public FileLockClusterService gatewayLeaderElection(GatewayProperties gateway) {
        GatewayProperties.Leader leader = gateway.leader();
        FileLockClusterService service = new FileLockClusterService();
        service.setId("gateway-leader");
        service.setRoot((leader.lockDir() != null ? leader.lockDir() : gateway.dataDir().resolve("cluster")).toString());
        service.setAcquireLockDelay(200, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(leader.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        return service;
    }
}
