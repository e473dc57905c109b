package io.guestgateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.master.MasterEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * master: as the gateway registers it (PromptMasterComponent): the wrapped consumer runs exactly
 * while this replica leads, starts as soon as it does, and a start that fails is tried again.
 * Leadership comes from a cluster view the test turns on and off; the wrapped consumer is a probe
 * that counts its starts and can hold one or fail it.
 */
class PromptMasterConsumerTest {

    private final SwitchedClusterService cluster = new SwitchedClusterService();
    private final ProbeComponent probe = new ProbeComponent();
    private CamelContext camel;

    @AfterEach
    void stop() {
        probe.gate.countDown();
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void startsTheWrappedConsumerAsSoonAsThisReplicaLeadsAndStopsItWhenItNoLongerDoes() throws Exception {
        start(5000, 10);
        assertThat(probe.running()).isZero();

        long tookLead = System.nanoTime();
        cluster.view.lead(true);
        await().atMost(Duration.ofSeconds(2)).until(() -> probe.running() == 1);
        // camel-master 4.17 waits a fixed second here
        assertThat(Duration.ofNanos(probe.lastStart - tookLead)).isLessThan(Duration.ofMillis(500));

        cluster.view.lead(false);
        await().atMost(Duration.ofSeconds(2)).until(() -> probe.running() == 0);
        assertThat(probe.starts.get()).isEqualTo(1);
    }

    /** Camel 4.17's consumer missed a loss inside its first second and kept the consumer (CAMEL-24583). */
    @Test
    void aLeadLostRightAfterItWasTakenLeavesNoConsumerRunning() throws Exception {
        start(5000, 10);

        cluster.view.lead(true);
        cluster.view.lead(false);

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> probe.running() == 0);
    }

    @Test
    void aLeadLostWhileTheConsumerStartsStopsItOnceStarted() throws Exception {
        probe.holdStarts();
        start(5000, 10);

        cluster.view.lead(true);
        await().atMost(Duration.ofSeconds(2)).until(() -> probe.starting.get() == 1);
        cluster.view.lead(false);
        probe.gate.countDown();

        await().atMost(Duration.ofSeconds(2)).until(() -> probe.stops.get() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> probe.running() == 0);
    }

    @Test
    void aStartThatFailsIsTriedAgainAfterTheBackOffDelay() throws Exception {
        probe.failStarts(2);
        start(200, 10);

        long tookLead = System.nanoTime();
        cluster.view.lead(true);

        await().atMost(Duration.ofSeconds(3)).until(() -> probe.running() == 1);
        assertThat(probe.starts.get()).isEqualTo(3);
        // two back-off delays of 200 ms between the first attempt and the third
        assertThat(Duration.ofNanos(probe.lastStart - tookLead)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void stoppingTheRouteOfALeaderStopsTheConsumerAndReleasesTheView() throws Exception {
        start(5000, 10);
        cluster.view.lead(true);
        await().atMost(Duration.ofSeconds(2)).until(() -> probe.running() == 1);

        camel.getRouteController().stopRoute("led");

        assertThat(probe.running()).isZero();
        assertThat(cluster.view.isStopped()).as("the view, released by its only user").isTrue();
        assertThat(cluster.view.consumersRunningAtStop)
                .as("unsubscribed before letting go of the lead, which another replica may take at once").isZero();
        // a standby's route started by hand subscribes only once it leads
        cluster.view.lead(false);
        camel.getRouteController().startRoute("led");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> probe.running() == 0);
        cluster.view.lead(true);
        await().atMost(Duration.ofSeconds(2)).until(() -> probe.running() == 1);
    }

    @Test
    void optionsAfterTheWrappedUriReachTheWrappedEndpoint() throws Exception {
        start(5000, 10);
        Endpoint endpoint = camel.getEndpoint("master:ns:probe:other?label=x");
        assertThat(endpoint).isInstanceOf(PromptMasterComponent.PromptMasterEndpoint.class);
        assertThat(((MasterEndpoint) endpoint).getEndpoint().getEndpointUri())
                .isEqualTo("probe://other?label=x");
    }

    private void start(long backOffDelay, int backOffMaxAttempts) throws Exception {
        cluster.watched = probe::running;
        camel = new DefaultCamelContext();
        camel.addService(cluster);
        PromptMasterComponent master = new PromptMasterComponent();
        master.setBackOffDelay(backOffDelay);
        master.setBackOffMaxAttempts(backOffMaxAttempts);
        camel.addComponent("master", master);
        camel.addComponent("probe", probe);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:ns:probe:frames").routeId("led").to("log:led?level=OFF");
            }
        });
        camel.start();
    }

    /** A cluster service with one view per namespace, whose lead the test sets. */
    static final class SwitchedClusterService extends AbstractCamelClusterService<SwitchedView> {
        volatile SwitchedView view;
        /** Read by a view when it stops. */
        volatile IntSupplier watched = () -> -1;

        SwitchedClusterService() {
            super("switched");
        }

        @Override
        protected SwitchedView createView(String namespace) {
            view = new SwitchedView(this, namespace, view != null && view.leads, watched);
            return view;
        }
    }

    static final class SwitchedView extends AbstractCamelClusterView {
        private final CamelClusterMember local = new CamelClusterMember() {
            @Override
            public boolean isLeader() {
                return leads;
            }

            @Override
            public boolean isLocal() {
                return true;
            }

            @Override
            public String getId() {
                return "local";
            }
        };
        volatile boolean leads;
        private final IntSupplier watched;
        volatile int consumersRunningAtStop = -1;

        SwitchedView(CamelClusterService service, String namespace, boolean leads, IntSupplier watched) {
            super(service, namespace);
            this.leads = leads;
            this.watched = watched;
        }

        void lead(boolean lead) {
            leads = lead;
            fireLeadershipChangedEvent(lead ? Optional.of(local) : Optional.empty());
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return leads ? Optional.of(local) : Optional.empty();
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(local);
        }

        @Override
        protected void doStart() {
        }

        @Override
        protected void doStop() {
            consumersRunningAtStop = watched.getAsInt();
        }
    }

    /** probe:name consumers that count their starts and stops; a start can be held or made to fail. */
    static final class ProbeComponent extends DefaultComponent {
        final AtomicInteger starting = new AtomicInteger();
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile long lastStart;

        void holdStarts() {
            gate = new CountDownLatch(1);
        }

        void failStarts(int count) {
            failuresLeft.set(count);
        }

        int running() {
            return starts.get() - failed.get() - stops.get();
        }

        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
            parameters.clear();
            return new DefaultEndpoint(uri, this) {
                @Override
                public Producer createProducer() {
                    throw new UnsupportedOperationException("probe: is consume-only");
                }

                @Override
                public Consumer createConsumer(Processor processor) {
                    return new DefaultConsumer(this, processor) {
                        private boolean started;

                        @Override
                        protected void doStart() throws Exception {
                            starting.incrementAndGet();
                            if (!gate.await(5, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("the test never let this start finish");
                            }
                            lastStart = System.nanoTime();
                            starts.incrementAndGet();
                            if (failuresLeft.getAndDecrement() > 0) {
                                failed.incrementAndGet();
                                throw new IllegalStateException("probe start refused");
                            }
                            started = true;
                        }

                        @Override
                        protected void doStop() {
                            if (started) {
                                started = false;
                                stops.incrementAndGet();
                            }
                        }
                    };
                }
            };
        }
    }
}
