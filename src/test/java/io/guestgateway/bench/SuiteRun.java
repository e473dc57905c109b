package io.guestgateway.bench;

import io.guestgateway.cxone.ws.SubscriptionStatus;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.SandboxState;
import io.guestgateway.support.GatewayRun;
import java.time.Duration;
import java.util.Locale;

/**
 * The bookkeeping every in-process scenario shares: a baseline before, a bounded wait until the
 * pipeline is quiet after, and the common verdict: the loss account balances (frames that never
 * reached the gateway excepted, where the scenario cuts the wire), the sandbox saw no duplicate
 * route and routed exactly what the gateway counted as routed, nothing is left in guest.routing.
 */
final class SuiteRun {

    private final GatewayRun gateway;
    private final CxoneSandbox sandbox;
    private final LossAccount base;
    private final SandboxState sandboxBase;
    private final long crmDeadLettered0;
    private final long crmDlq0;
    private final long routingDlq0;
    private final long start = System.nanoTime();

    SuiteRun(GatewayRun gateway, CxoneSandbox sandbox) {
        this.gateway = gateway;
        this.sandbox = sandbox;
        this.base = LossAccount.read(gateway, 0);
        this.sandboxBase = sandbox.state();
        this.crmDeadLettered0 = crmBatchesDeadLettered();
        this.crmDlq0 = LossAccount.queueDepth(gateway, "guest.crm.dlq");
        this.routingDlq0 = LossAccount.queueDepth(gateway, "guest.routing.dlq");
    }

    LossAccount account(long sent) {
        return LossAccount.read(gateway, sent).minus(base);
    }

    SandboxDelta sandbox() {
        return SandboxDelta.between(sandboxBase, sandbox.state());
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    long crmBatchesDeadLettered() {
        return Math.round(gateway.counter("gateway.crm.batches", "outcome", "dead-lettered")) - crmDeadLettered0;
    }

    long routingDlqAdded() {
        return LossAccount.queueDepth(gateway, "guest.routing.dlq") - routingDlq0;
    }

    long crmDlqAdded() {
        return LossAccount.queueDepth(gateway, "guest.crm.dlq") - crmDlq0;
    }

    /**
     * Waits until the gateway has received what it will receive ({@code expected}, or no change for
     * 3 s when frames may be lost on the wire), guest.routing and guest.crm are empty and the CRM
     * has been quiet for 2.5 s; at most {@code bound}. Returns whether that happened.
     */
    boolean settle(long expected, boolean wireMayLose, Duration bound) {
        long[] last = {-1, -1, System.nanoTime()}; // received, CRM records, when either last changed
        return Poll.until(bound, Duration.ofMillis(50), () -> {
            long r = account(0).received();
            long c = sandbox.state().crmRecords();
            long now = System.nanoTime();
            if (r != last[0] || c != last[1]) {
                last[0] = r;
                last[1] = c;
                last[2] = now;
            }
            boolean allIn = r >= expected || (wireMayLose && now - last[2] > 3_000_000_000L);
            return allIn && LossAccount.queueDepth(gateway, "guest.routing") == 0
                    && LossAccount.queueDepth(gateway, "guest.crm") == 0
                    && now - last[2] > 2_500_000_000L;
        });
    }

    /** Whether the gateway holds an authenticated CXone WebSocket, or gets one within {@code bound}. */
    static boolean subscribed(GatewayRun gateway, Duration bound) {
        SubscriptionStatus status = gateway.context().getBean(SubscriptionStatus.class);
        return Poll.until(bound, Duration.ofMillis(50), () -> status.state() == SubscriptionStatus.State.AUTHENTICATED);
    }

    /** The common verdict; {@code extra} adds the scenario's own condition. */
    ScenarioResult verdict(String name, long sent, boolean wireMayLose, boolean settled, boolean extra, String figures) {
        LossAccount a = account(sent);
        SandboxDelta s = sandbox();
        boolean balanced = wireMayLose ? a.difference() == a.notReceived() : a.balanced();
        boolean ok = settled && balanced && s.duplicateRoutes() == 0 && s.routed() == a.routed() && extra;
        String text = String.format(Locale.ROOT, "%s | %s%s | sandbox routed %,d, duplicate routes %d, idempotent"
                        + " replays %d | settled=%s", figures, a.oneLine(),
                wireMayLose && a.balanced() ? "" : wireMayLose ? " (all of it lost before the gateway: allowed here)" : "",
                s.routed(), s.duplicateRoutes(), s.idempotentReplays(), settled);
        if (wireMayLose && !a.balanced() && balanced) {
            text = text.replace(a.verdict(), String.format(Locale.ROOT, "BALANCED apart from %,d frames that never"
                    + " reached the gateway (cut wire, allowed here)", a.notReceived()))
                    .replace(" (all of it lost before the gateway: allowed here)", "");
        }
        return new ScenarioResult(name, ok, seconds(), text, sent);
    }
}
