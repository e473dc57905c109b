package io.guestgateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.SandboxSettings;
import io.guestgateway.support.ChildGateway;
import io.guestgateway.support.RunsAlone;
import io.guestgateway.support.SandboxAsCxone;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leadership by Kubernetes Lease ({@code gateway.leader.kind=kubernetes-lease}): two gateways, each
 * a child JVM with its own data folder, elect the CXone WebSocket holder through a Kubernetes API
 * stand-in, fabric8's mock server in CRUD mode, which keeps Pods and Leases as the API server does.
 * Exactly one holds an authenticated WebSocket at the sandbox, and never two. The holder is killed
 * with SIGKILL to its PID; the mock has no kubelet, so the test does what the kubelet does when a
 * pod's container dies (the pod is no longer ready), and the other gateway subscribes within the
 * lease duration plus five seconds.
 */
@RunsAlone // times the take-over: 6.6 s alone against its 9 s bound
class KubernetesLeaseFailoverTest {

    private static final String NAMESPACE = "guest-gateway";
    private static final Map<String, String> POD_LABELS = Map.of("app.kubernetes.io/name", "cxone-guest-gateway");
    private static final Duration LEASE_DURATION = Duration.ofSeconds(4);
    private static final String LEASE = "cxone-guest-gateway-cxone-subscription"; // <prefix>-<master: namespace>
    private static final Duration TAKEOVER_BOUND = LEASE_DURATION.plusSeconds(5);

    @TempDir
    Path dir;

    private final List<ChildGateway> gateways = new ArrayList<>();
    private CxoneSandbox sandbox;

    @Test
    void oneGatewayHoldsTheWebSocketAndTheOtherTakesOverWithinTheLeaseAfterKill9() throws Exception {
        KubernetesMockServer api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        api.init(InetAddress.getLoopbackAddress(), 0);
        try (KubernetesClient k8s = api.createClient()) {
            sandbox = CxoneSandbox.start(SandboxSettings.defaults().withPort(0));
            readyPod(k8s, "gateway-a");
            readyPod(k8s, "gateway-b");
            String masterUrl = "http://127.0.0.1:" + api.getPort();
            ChildGateway a = start("gateway-a", masterUrl);
            ChildGateway b = start("gateway-b", masterUrl);

            // two Spring Boot start-ups side by side on 2 cores
            within(Duration.ofSeconds(75), "both gateways ready, one subscribed",
                    () -> a.ready() && b.ready() && sandbox.state().wsAuthenticated() >= 1);
            AtomicInteger most = new AtomicInteger();
            within(Duration.ofSeconds(LEASE_DURATION.toSeconds() + 3), LEASE_DURATION + " with exactly one WebSocket",
                    LEASE_DURATION, () -> exactlyOne(most));
            ChildGateway holder = authenticated(a) ? a : b;
            ChildGateway standby = holder == a ? b : a;
            String holderPod = holder == a ? "gateway-a" : "gateway-b";
            String standbyPod = holder == a ? "gateway-b" : "gateway-a";
            assertThat(authenticated(holder)).as("the holder's own count of its WebSocket").isTrue();
            assertThat(standby.metric("gateway_websocket_authenticated")).as("the standby's WebSocket").isZero();
            Lease before = lease(k8s);
            assertThat(before.getSpec().getHolderIdentity()).as("the Lease's holder").isEqualTo(holderPod);
            assertThat(before.getSpec().getLeaseDurationSeconds()).isEqualTo((int) LEASE_DURATION.toSeconds());

            long killedAt = System.nanoTime();
            assertThat(holder.kill()).as("exit value after SIGKILL").isEqualTo(137);
            notReady(k8s, holderPod);
            within(TAKEOVER_BOUND, "the standby subscribed", Duration.ZERO,
                    () -> exactlyOne(most) && authenticated(standby));
            double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
            // not sooner than lease-duration: a new holder waits that long for the old one to let go
            assertThat(takeoverSeconds).as("seconds from SIGKILL to the standby's WebSocket")
                    .isBetween((double) LEASE_DURATION.toSeconds(), (double) TAKEOVER_BOUND.toSeconds());
            within(Duration.ofSeconds(5), "still exactly one WebSocket", Duration.ofSeconds(2), () -> exactlyOne(most));

            assertThat(most.get()).as("authenticated WebSockets at the sandbox at any time").isEqualTo(1);
            Lease after = lease(k8s);
            assertThat(after.getSpec().getHolderIdentity()).as("the Lease's holder after the kill").isEqualTo(standbyPod);
            assertThat(after.getSpec().getLeaseTransitions()).as("lease transitions")
                    .isGreaterThan(before.getSpec().getLeaseTransitions() == null ? 0 : before.getSpec().getLeaseTransitions());
            System.out.printf(Locale.ROOT, "Kubernetes Lease failover: %s held the WebSocket; %s subscribed %.1f s"
                    + " after SIGKILL (lease duration %d s, bound %d s)%n", holderPod, standbyPod, takeoverSeconds,
                    LEASE_DURATION.toSeconds(), TAKEOVER_BOUND.toSeconds());
        } finally {
            gateways.forEach(ChildGateway::close); // SIGKILL by PID to whatever still runs
            if (sandbox != null) {
                sandbox.close();
            }
            api.destroy();
        }
    }

    private ChildGateway start(String pod, String masterUrl) {
        Map<String, String> p = SandboxAsCxone.properties(sandbox, "file:" + Path.of("routes").toAbsolutePath() + "/*.yaml");
        p.put("gateway.data-dir", dir.resolve(pod).toString());
        p.put("gateway.leader.kind", "kubernetes-lease");
        p.put("gateway.leader.kubernetes.master-url", masterUrl);
        p.put("gateway.leader.kubernetes.namespace", NAMESPACE);
        p.put("gateway.leader.kubernetes.pod-name", pod);
        p.put("gateway.leader.kubernetes.pod-selector", "app.kubernetes.io/name=cxone-guest-gateway");
        p.put("gateway.leader.kubernetes.lease-duration", LEASE_DURATION.toSeconds() + "s");
        p.put("gateway.leader.kubernetes.renew-deadline", "3s");
        p.put("gateway.leader.kubernetes.retry-period", "1s");
        p.put("logging.level.root", "WARN");
        p.put("logging.level.io.guestgateway.cxone", "INFO");
        p.put("logging.level.org.apache.camel.component.kubernetes.cluster", "INFO");
        p.put("logging.level.org.apache.camel.component.master", "INFO");
        ChildGateway gateway = ChildGateway.start(p, dir.resolve(pod + ".log"), "-Xmx384m");
        gateways.add(gateway);
        return gateway;
    }

    /** Exactly one authenticated WebSocket at the sandbox now; {@code most} keeps the most ever seen. */
    private boolean exactlyOne(AtomicInteger most) {
        int now = sandbox.state().wsAuthenticated();
        most.accumulateAndGet(now, Math::max);
        return now == 1;
    }

    private static boolean authenticated(ChildGateway gateway) {
        return gateway.metric("gateway_websocket_authenticated") == 1;
    }

    /** A running pod whose container is ready: a member the cluster service may elect. */
    private static void readyPod(KubernetesClient k8s, String name) {
        Pod pod = k8s.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName(name).withLabels(POD_LABELS).endMetadata()
                .withNewSpec().addNewContainer().withName("gateway").withImage("cxone-guest-gateway").endContainer()
                .endSpec().build()).create();
        k8s.pods().inNamespace(NAMESPACE).resource(new PodBuilder(pod).withStatus(running(true)).build()).updateStatus();
        assertThat(k8s.pods().inNamespace(NAMESPACE).withName(name).isReady()).as(name + " ready").isTrue();
    }

    /** What the kubelet reports once the pod's only container has died: still running, not ready. */
    private static void notReady(KubernetesClient k8s, String name) {
        k8s.pods().inNamespace(NAMESPACE).withName(name)
                .editStatus(pod -> new PodBuilder(pod).withStatus(running(false)).build());
        assertThat(k8s.pods().inNamespace(NAMESPACE).withName(name).isReady()).as(name + " ready").isFalse();
    }

    private static PodStatus running(boolean ready) {
        return new PodStatusBuilder().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewContainerStatus().withName("gateway").withReady(ready).endContainerStatus()
                .build();
    }

    private static Lease lease(KubernetesClient k8s) {
        Lease lease = k8s.leases().inNamespace(NAMESPACE).withName(LEASE).get();
        assertThat(lease).as("Lease " + LEASE).isNotNull();
        return lease;
    }

    private void within(Duration bound, String what, Callable<Boolean> condition) {
        within(bound, what, Duration.ZERO, condition);
    }

    /** Waits for {@code condition} to hold for {@code holding}; on a timeout shows the sandbox and the gateways' last lines. */
    private void within(Duration bound, String what, Duration holding, Callable<Boolean> condition) {
        try {
            var wait = await(what).atMost(bound).pollInterval(Duration.ofMillis(100));
            (holding.isZero() ? wait : wait.during(holding)).until(condition);
        } catch (ConditionTimeoutException e) {
            StringBuilder report = new StringBuilder(what + " not within " + bound + "; " + sandbox.state());
            for (ChildGateway gateway : gateways) {
                report.append("\n--- gateway pid ").append(gateway.pid()).append(":\n").append(gateway.logTail(40));
            }
            throw new AssertionError(report.toString(), e);
        }
    }
}
