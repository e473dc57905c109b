package io.guestgateway.cxone.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.guestgateway.cxone.CxoneWebSocketHealthIndicator;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class CxoneWebSocketHealthIndicatorTest {

    private final SubscriptionStatus status = new SubscriptionStatus();
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private final CxoneWebSocketHealthIndicator indicator = new CxoneWebSocketHealthIndicator(status, leader::get);

    @Test
    void upOnlyWhileAuthenticatedOutOfServiceWhileCxoneDoesNotTakeItWithRoleStateAndSinceInTheDetails() {
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);  // no subscription runs yet

        status.connecting(false);
        Health connecting = indicator.health();
        assertThat(connecting.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(connecting.getDetails()).containsEntry("role", "leader").containsEntry("state", "connecting")
                .containsKey("since");

        status.authenticated();
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(indicator.health().getDetails()).containsEntry("state", "authenticated");

        status.closed(4401, "token expired\u001b[2J\r\nFAKE LOG LINE");
        status.backingOff(Duration.ofMillis(750));
        status.connecting(true);
        status.backingOff(Duration.ofMillis(1500));
        Health backingOff = indicator.health();
        assertThat(backingOff.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(backingOff.getDetails())
                .containsEntry("state", "backing-off")
                .containsEntry("reconnects", 1L)
                .containsEntry("lastCloseCode", 4401)
                .containsEntry("lastCloseReason", "token expired\\u001b[2J\\r\\nFAKE LOG LINE")
                .containsEntry("lastBackoffMs", 1500L);

        status.stopped();
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(indicator.health().getDetails()).containsEntry("state", "stopped");
    }

    @Test
    void aStandbySaysSoAndIsUnknownNotBroken() {
        leader.set(false);
        Health standby = indicator.health();
        assertThat(standby.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(standby.getDetails()).containsEntry("role", "standby").containsEntry("state", "stopped");
    }

    @Test
    void sinceMarksTheLastChangeOfState() {
        status.connecting(false);
        var since = status.snapshot().since();
        status.connecting(true);  // same state again: still connecting since then
        assertThat(status.snapshot().since()).isEqualTo(since);
        assertThat(status.snapshot().reconnects()).isEqualTo(1);
    }
}
