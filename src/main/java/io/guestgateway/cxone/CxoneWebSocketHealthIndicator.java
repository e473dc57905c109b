package io.guestgateway.cxone;

import io.guestgateway.cxone.ws.SubscriptionStatus;
import java.util.function.BooleanSupplier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The CXone subscription of this pod in {@code /actuator/health}: its role in the election for the
 * one subscription ({@code leader} or {@code standby}) and what its WebSocket is doing.
 *
 * <p>UP while authenticated; OUT_OF_SERVICE while connecting or backing off: CXone (or the way to
 * it) does not take the subscription, and nothing in this pod is broken that a restart or leaving
 * the Service would cure; UNKNOWN while no subscription runs here (a standby, or the route
 * stopped), so a standby is not reported broken. Not a readiness member (application.yaml).
 */
public class CxoneWebSocketHealthIndicator implements HealthIndicator {

    private final SubscriptionStatus status;
    private final BooleanSupplier leader;

    /** @param leader whether this pod holds the leadership the {@code master:} route of the subscription runs under */
    public CxoneWebSocketHealthIndicator(SubscriptionStatus status, BooleanSupplier leader) {
        this.status = status;
        this.leader = leader;
    }

    @Override
    public Health health() {
        SubscriptionStatus.Snapshot s = status.snapshot();
        Health.Builder health = switch (s.state()) {
            case AUTHENTICATED -> Health.up();
            case STOPPED -> Health.unknown();
            case CONNECTING, BACKING_OFF -> Health.outOfService();
        };
        health.withDetail("role", leader.getAsBoolean() ? "leader" : "standby")
                .withDetail("state", s.state().label())
                .withDetail("since", s.since().toString())
                .withDetail("reconnects", s.reconnects())
                .withDetail("frames", s.frames());
        if (s.lastCloseCode() != null) {
            health.withDetail("lastCloseCode", s.lastCloseCode());
        }
        if (s.lastCloseReason() != null) {
            health.withDetail("lastCloseReason", s.lastCloseReason());
        }
        if (s.lastBackoff() != null) {
            health.withDetail("lastBackoffMs", s.lastBackoff().toMillis());
        }
        return health.build();
    }
}
