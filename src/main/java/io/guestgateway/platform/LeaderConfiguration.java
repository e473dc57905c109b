package io.guestgateway.platform;

import io.guestgateway.config.GatewayProperties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Leadership for the one CXone WebSocket subscription ({@code master:} in routes/ingest.yaml).
 * Replicas that share the lock folder elect one leader by a file lock; on Camel K a Kubernetes
 * lease cluster service replaces this bean and the route stays as it is.
 *
 * <p>Declared once for every runtime: {@code @Bean} for Spring Boot, {@code @BindToRegistry} for
 * Camel Main (see {@link io.guestgateway.routing.RoutingConfiguration}).
 */
@Configuration
public class LeaderConfiguration implements CamelConfiguration {

    static final String BEAN_NAME = "gatewayLeaderElection";

    @Bean
    @ConditionalOnMissingBean(CamelClusterService.class)
    @BindToRegistry(value = BEAN_NAME, lazy = true)
    public FileLockClusterService gatewayLeaderElection(GatewayProperties gateway) {
        GatewayProperties.Leader leader = gateway.leader();
        FileLockClusterService service = new FileLockClusterService();
        service.setId("gateway-leader");
        service.setRoot((leader.lockDir() != null ? leader.lockDir() : gateway.dataDir().resolve("cluster")).toString());
        service.setAcquireLockDelay(200, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(leader.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        return service;
    }

    /**
     * Camel Main only (Spring Boot never calls it). Camel Main collects cluster services from the
     * registry before it binds this class's beans, so the file lock is added to the context here,
     * unless the runtime brought a cluster service of its own (camel-kubernetes-cluster-service on
     * Camel K): the {@code @ConditionalOnMissingBean} above, for this runtime.
     */
    @Override
    public void configure(CamelContext camel) throws Exception {
        CamelClusterService fileLock = camel.getRegistry().lookupByNameAndType(BEAN_NAME, CamelClusterService.class);
        boolean another = camel.hasServices(CamelClusterService.class).stream().anyMatch(s -> s != fileLock)
                || camel.getRegistry().findByType(CamelClusterService.class).stream().anyMatch(s -> s != fileLock);
        if (!another) {
            camel.addService(fileLock);
        }
    }
}
