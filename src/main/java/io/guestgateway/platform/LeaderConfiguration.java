package io.guestgateway.platform;

import io.guestgateway.config.GatewayProperties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Leadership for the one CXone WebSocket subscription ({@code master:} in routes/ingest.yaml).
 * Replicas that share the lock folder elect one leader by a file lock; on Camel K a Kubernetes
 * lease cluster service replaces this bean and the route stays as it is.
 */
@Configuration
public class LeaderConfiguration {

    @Bean
    @ConditionalOnMissingBean(org.apache.camel.cluster.CamelClusterService.class)
    FileLockClusterService gatewayLeaderElection(GatewayProperties gateway) {
        GatewayProperties.Leader leader = gateway.leader();
        FileLockClusterService service = new FileLockClusterService();
        service.setId("gateway-leader");
        service.setRoot((leader.lockDir() != null ? leader.lockDir() : gateway.dataDir().resolve("cluster")).toString());
        service.setAcquireLockDelay(200, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(leader.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        return service;
    }
}
