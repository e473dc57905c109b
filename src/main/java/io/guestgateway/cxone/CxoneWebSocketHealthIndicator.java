package io.guestgateway.cxone;

import io.guestgateway.cxone.ws.SubscriptionStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The CXone subscription in {@code /actuator/health}: UP while authenticated, DOWN while
 * connecting or backing off, UNKNOWN while no subscription runs here (route stopped, or this
 * replica is not the leader), so a standby replica is not reported broken.
 */
public class CxoneWebSocketHealthIndicator implements HealthIndicator {

    private final SubscriptionStatus status;

    public CxoneWebSocketHealthIndicator(SubscriptionStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        SubscriptionStatus.Snapshot s = status.snapshot();
        Health.Builder health = switch (s.state()) {
            case AUTHENTICATED -> Health.up();
            case STOPPED -> Health.unknown();
            case CONNECTING, BACKING_OFF -> Health.down();
        };
        health.withDetail("state", s.state().label())
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
