package io.guestgateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.config.GatewayProperties;
import io.guestgateway.config.GatewayProperties.KubernetesLease;
import io.guestgateway.config.GatewayProperties.Leader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * Camel's file-lock view waits for the next multiple of the check interval before its first
     * attempt when the lock folder lacks its files; with a 60 s interval, started at most 50 s into a
     * minute, that would be 10 s or more. The gateway's lock folder has them from the first start.
     */
    @Test
    void aFirstStartOnANewDataFolderTakesTheLeadAsQuicklyAsARestart(@TempDir Path data) throws Exception {
        Leader leader = new Leader(Leader.Kind.FILE, null, Duration.ofSeconds(60), LEASE);
        CamelClusterService service = new LeaderConfiguration().gatewayLeaderElection(
                new GatewayProperties(data, 4096, null, null, leader, null, null));
        await().atMost(Duration.ofSeconds(11)).until(() -> System.currentTimeMillis() % 60_000 <= 50_000);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addService(service);
            camel.start();
            CamelClusterView view = service.getView(LeaderConfiguration.SUBSCRIPTION_NAMESPACE);

            await().atMost(Duration.ofSeconds(5)).until(() -> view.getLocalMember().isLeader());
        }
        assertThat(data.resolve("cluster").resolve(LeaderConfiguration.SUBSCRIPTION_NAMESPACE)).isRegularFile();
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
