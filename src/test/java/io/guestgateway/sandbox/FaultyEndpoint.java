package io.guestgateway.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * An endpoint with fault knobs: the fault decision comes first, the added latency is a Vert.x
 * timer (the event loop keeps serving other calls meanwhile), and every answer is recorded before
 * it is sent, so a client that has its response can already see its call recorded.
 */
abstract class FaultyEndpoint implements Handler<RoutingContext> {

    private final Vertx vertx;
    private final FaultInjector faults;
    private final CallRecorder recorder;

    FaultyEndpoint(Vertx vertx, FaultInjector faults, CallRecorder recorder) {
        this.vertx = vertx;
        this.faults = faults;
        this.recorder = recorder;
    }

    @Override
    public final void handle(RoutingContext ctx) {
        FaultInjector.Decision decision = faults.next(faultKey(ctx));
        if (decision.latencyMillis() > 0) {
            vertx.setTimer(decision.latencyMillis(), id -> answer(ctx, decision));
        } else {
            answer(ctx, decision);
        }
    }

    private void answer(RoutingContext ctx, FaultInjector.Decision decision) {
        Reply reply = switch (decision.status()) {
            case 0 -> process(ctx);
            case 429 -> Reply.error(429, "rate_limited", "too many requests (sandbox fault)")
                    .withHeader("Retry-After", Integer.toString(decision.retryAfterSeconds()));
            default -> Reply.error(decision.status(), "service_unavailable", "unavailable (sandbox fault)");
        };
        recorder.record(ctx, reply.status());
        reply.send(ctx.response());
    }

    /** What a call is about, so that its fault draws follow it ({@link FaultInjector}); {@code null}: none. */
    protected String faultKey(RoutingContext ctx) {
        return null;
    }

    /** The answer when no fault applies; runs on the event loop, must not block. */
    protected abstract Reply process(RoutingContext ctx);
}
