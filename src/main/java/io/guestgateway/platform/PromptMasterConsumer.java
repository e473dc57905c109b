package io.guestgateway.platform;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.master.MasterEndpoint;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why ours: it must start the wrapped consumer when leadership comes, not a second later, and stop it whenever it goes.
 *
 * <p>Runs the wrapped endpoint's consumer while this replica leads the endpoint's namespace. Every
 * leadership event, and a retry after a failed start, queues one pass on a single thread; each pass
 * reads whether this replica leads now and starts or stops the wrapped consumer to match. So passes
 * never overlap, and a loss that comes while the consumer starts is acted on right after. A start
 * that fails is tried again every {@code backOffDelay}, at most {@code backOffMaxAttempts} times in a
 * row (the component's options, as camel-master has them).
 */
public class PromptMasterConsumer extends DefaultConsumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(PromptMasterConsumer.class);

    private final CamelClusterService clusterService;
    private final String namespace;
    private final Endpoint delegateEndpoint;
    private final long backOffDelay;
    private final int backOffMaxAttempts;
    private final CamelClusterEventListener.Leadership onLeadershipChange = (view, leader) -> reconcileSoon();

    private ScheduledExecutorService passes;
    private volatile CamelClusterView view;
    /** Written on the passes' thread only, and in doStop after that thread is gone. */
    private volatile Consumer delegate;
    /** Failed starts in a row; at backOffMaxAttempts, none until the lead is lost and taken again. */
    private int failedStarts;
    /** After a failed start: no attempt before this instant (System.nanoTime), whatever asks for a pass. */
    private long backOffUntil;

    PromptMasterConsumer(MasterEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.clusterService = endpoint.getComponent().getService();
        this.namespace = endpoint.getNamespace();
        this.delegateEndpoint = endpoint.getEndpoint();
        this.backOffDelay = endpoint.getComponent().getBackOffDelay();
        this.backOffMaxAttempts = endpoint.getComponent().getBackOffMaxAttempts();
    }

    /** Whether this replica leads the namespace now. */
    private boolean leads() {
        CamelClusterView current = view;
        return current != null && current.getLocalMember().isLeader();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        passes = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "Leadership-" + namespace);
        view = clusterService.getView(namespace);
        view.addEventListener(onLeadershipChange);
        reconcileSoon(); // a view that already leads may not tell a listener added late
    }

    /** Unsubscribes before it lets go of the lead, so another replica never subscribes beside it. */
    @Override
    protected void doStop() throws Exception {
        if (view != null) {
            view.removeEventListener(onLeadershipChange);
        }
        if (passes != null) {
            // a pass under way finishes first, so the consumer it may have started is stopped below
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(passes);
            passes = null;
        }
        stopDelegate();
        if (view != null) {
            clusterService.releaseView(view);
            view = null;
        }
        super.doStop();
    }

    @Override
    protected void doSuspend() throws Exception {
        if (delegate instanceof Suspendable) {
            ServiceHelper.suspendService(delegate);
        }
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        if (delegate instanceof Suspendable) {
            ServiceHelper.resumeService(delegate);
        }
        super.doResume();
    }

    private void reconcileSoon() {
        reconcileAfter(0);
    }

    private void reconcileAfter(long millis) {
        ScheduledExecutorService executor = passes;
        if (executor == null || executor.isShutdown()) {
            return; // stopping: doStop stops the consumer
        }
        try {
            executor.schedule(this::reconcile, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shut down meanwhile, as above
        }
    }

    private void reconcile() {
        if (!isRunAllowed() || !leads()) {
            failedStarts = 0; // the next lead starts at once
            if (delegate != null) {
                LOG.info("Leadership of {} lost: stopping consumer {}", namespace, delegateEndpoint);
                stopDelegate();
            }
        } else if (delegate == null && !outOfAttempts() && (failedStarts == 0 || System.nanoTime() - backOffUntil >= 0)) {
            startDelegate();
        }
    }

    private void startDelegate() {
        LOG.info("Leadership of {} taken: starting consumer {}", namespace, delegateEndpoint);
        Consumer started = null;
        try {
            started = delegateEndpoint.createConsumer(getProcessor());
            ServiceHelper.startService(started);
            delegate = started;
            failedStarts = 0;
        } catch (Exception e) {
            ServiceHelper.stopAndShutdownService(started);
            failedStarts++;
            backOffUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backOffDelay);
            if (!outOfAttempts()) {
                LOG.warn("Consumer {} did not start ({}); trying again in {} ms", delegateEndpoint,
                        e.getClass().getSimpleName(), backOffDelay);
                reconcileAfter(backOffDelay);
            } else {
                getExceptionHandler().handleException("Consumer " + delegateEndpoint + " did not start after "
                        + failedStarts + " attempts; it starts again at the next leadership change", e);
            }
        }
    }

    private boolean outOfAttempts() {
        return backOffMaxAttempts > 0 && failedStarts >= backOffMaxAttempts;
    }

    private void stopDelegate() {
        Consumer stopping = delegate;
        delegate = null;
        ServiceHelper.stopAndShutdownService(stopping);
    }
}
