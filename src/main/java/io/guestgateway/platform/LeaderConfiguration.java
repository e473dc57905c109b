package io.guestgateway.platform;

import io.guestgateway.config.GatewayProperties;
import io.guestgateway.config.GatewayProperties.KubernetesLease;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterView;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.component.master.MasterComponent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Leadership for the one CXone WebSocket subscription ({@code master:} in routes/ingest.yaml), by
 * {@code gateway.leader.kind}: a file lock that replicas sharing the lock folder contend for, or a
 * Kubernetes Lease that the replicas' pods contend for (camel-kubernetes' cluster service). Either
 * way the route stays as it is; a cluster service of another kind in the context replaces both.
 */
@Configuration
public class LeaderConfiguration {

    static final String BEAN_NAME = "gatewayLeaderElection";

    /** The namespace the {@code master:} route of the CXone subscription is elected in (routes/ingest.yaml). */
    public static final String SUBSCRIPTION_NAMESPACE = "cxone-subscription";

    @Bean
    @ConditionalOnMissingBean(CamelClusterService.class)
    public CamelClusterService gatewayLeaderElection(GatewayProperties gateway) {
        return switch (gateway.leader().kind()) {
            case FILE -> fileLock(gateway);
            case KUBERNETES_LEASE -> kubernetesLease(gateway.leader().kubernetes());
        };
    }

    /**
     * The {@code master:} component of routes/ingest.yaml: camel-master's, with a consumer that starts
     * the subscription as soon as this replica leads and stops it whenever it does not.
     */
    @Bean("master")
    public MasterComponent master() {
        return new PromptMasterComponent();
    }

    private static FileLockClusterService fileLock(GatewayProperties gateway) {
        GatewayProperties.Leader leader = gateway.leader();
        FileLockClusterService service = new FirstStartFileLock();
        service.setId("gateway-leader");
        service.setRoot((leader.lockDir() != null ? leader.lockDir() : gateway.dataDir().resolve("cluster")).toString());
        service.setAcquireLockDelay(200, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(leader.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        return service;
    }

    /**
     * Camel's file-lock view makes its first attempt after the lock delay (200 ms) when the lock
     * folder already holds the namespace's lock and data files, as every run leaves them, but waits
     * for the next multiple of the check interval (up to {@code gateway.leader.check-interval}) when
     * they are missing, so a first start on a new data folder would subscribe up to that interval (2 s
     * by default) later than any restart. This creates the two files, empty as a stopped holder leaves
     * them, before the view starts; a file that is there already is left as it is.
     */
    static final class FirstStartFileLock extends FileLockClusterService {

        @Override
        protected FileLockClusterView createView(String namespace) throws Exception {
            Path folder = Path.of(getRoot());
            Files.createDirectories(folder);
            for (Path file : List.of(folder.resolve(namespace), folder.resolve(namespace + ".dat"))) {
                try {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    // an earlier run's, or another replica's on a shared folder
                }
            }
            return super.createView(namespace);
        }
    }

    /**
     * The Lease is named {@code <lease-name-prefix>-<master namespace>} (cxone-guest-gateway-cxone-subscription);
     * members are the running, ready pods that {@code pod-selector} picks.
     */
    static KubernetesClusterService kubernetesLease(KubernetesLease lease) {
        // given a client configuration: camel-kubernetes 4.17 drops the master URL and the namespace
        // set on a service made with the no-argument constructor, and its client goes in-cluster
        KubernetesClusterService service = new KubernetesClusterService(new KubernetesConfiguration());
        service.setId("gateway-leader");
        if (lease.masterUrl() != null) {
            service.setMasterUrl(lease.masterUrl().toString());
        }
        if (lease.namespace() != null && !lease.namespace().isBlank()) {
            service.setKubernetesNamespace(lease.namespace().trim());          // the client's namespace
            service.setKubernetesResourcesNamespace(lease.namespace().trim()); // the Lease's and the pods'
        }
        service.setLeaseResourceType(LeaseResourceType.Lease);
        service.setKubernetesResourceName(lease.leaseNamePrefix().trim());
        service.setPodName(lease.podName().trim());
        service.setClusterLabels(lease.podLabels());
        service.setLeaseDurationMillis(lease.leaseDuration().toMillis());
        service.setRenewDeadlineMillis(lease.renewDeadline().toMillis());
        service.setRetryPeriodMillis(lease.retryPeriod().toMillis());
        service.setJitterFactor(lease.jitterFactor());
        return service;
    }
}
