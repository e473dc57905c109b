package io.guestgateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.guestgateway.config.GatewayProperties;
import io.guestgateway.config.GatewayProperties.KubernetesLease;
import io.guestgateway.config.GatewayProperties.Leader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.junit.jupiter.api.Test;

/** gateway.leader.kind picks the cluster service, and the Lease keys reach camel-kubernetes' one as set. */
class LeaderConfigurationTest {

    private static final KubernetesLease LEASE = new KubernetesLease(URI.create("https://k8s.example.test:6443"),
            "guests", "gateway", "gateway-7f9c-x2", "app.kubernetes.io/name=gateway,tier=ingest",
            Duration.ofSeconds(12), Duration.ofSeconds(8), Duration.ofMillis(1500), 1.5);

    @Test
    void fileIsTheFileLockUnderTheDataFolder() {
        var service = new LeaderConfiguration().gatewayLeaderElection(gateway(Leader.Kind.FILE));

        assertThat(service).isInstanceOf(FileLockClusterService.class);
        assertThat(((FileLockClusterService) service).getRoot()).isEqualTo(Path.of("/data/gw/cluster").toString());
    }

    @Test
    void kubernetesLeaseIsTheKubernetesClusterServiceOnALease() {
        var service = new LeaderConfiguration().gatewayLeaderElection(gateway(Leader.Kind.KUBERNETES_LEASE));

        assertThat(service).isInstanceOf(KubernetesClusterService.class);
        KubernetesClusterService lease = (KubernetesClusterService) service;
        assertThat(lease.getLeaseResourceType()).isEqualTo(LeaseResourceType.Lease);
        assertThat(lease.getMasterUrl()).isEqualTo("https://k8s.example.test:6443");
        assertThat(lease.getKubernetesNamespace()).isEqualTo("guests");
        assertThat(lease.getKubernetesResourcesNamespace()).isEqualTo("guests");
        assertThat(lease.getKubernetesResourceName()).isEqualTo("gateway");
        assertThat(lease.getPodName()).isEqualTo("gateway-7f9c-x2");
        assertThat(lease.getClusterLabels()).isEqualTo(Map.of("app.kubernetes.io/name", "gateway", "tier", "ingest"));
        assertThat(lease.getLeaseDurationMillis()).isEqualTo(12_000);
        assertThat(lease.getRenewDeadlineMillis()).isEqualTo(8_000);
        assertThat(lease.getRetryPeriodMillis()).isEqualTo(1_500);
        assertThat(lease.getJitterFactor()).isEqualTo(1.5);
    }

    private static GatewayProperties gateway(Leader.Kind kind) {
        Leader leader = new Leader(kind, null, Duration.ofSeconds(2), LEASE);
        return new GatewayProperties(Path.of("/data/gw"), 4096, null, null, leader, null, null);
    }
}
