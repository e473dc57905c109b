package io.guestgateway.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeadLetterStoreTest {

    @Test
    void idsAreShownWithoutTheirPrefixAndTakenWithOrWithout() {
        assertThat(DeadLetterStore.shortId("ID:d1ae85a2-ec45-11f1")).isEqualTo("d1ae85a2-ec45-11f1");
        assertThat(DeadLetterStore.jmsId("d1ae85a2-ec45-11f1")).isEqualTo("ID:d1ae85a2-ec45-11f1");
        assertThat(DeadLetterStore.jmsId("ID:d1ae85a2-ec45-11f1")).isEqualTo("ID:d1ae85a2-ec45-11f1");
    }

    @Test
    void anIdThatCouldBreakTheSelectorIsRefused() {
        assertThatThrownBy(() -> DeadLetterStore.jmsId("x' OR '1'='1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeadLetterStore.jmsId("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeadLetterStore.jmsId("a".repeat(300))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheGatewaysOwnDeadLetterQueuesAreReachable() {
        DeadLetterQueues queues = DeadLetterQueues.gatewayDefaults();
        assertThat(queues.queue("routing")).contains("guest.routing.dlq");
        assertThat(queues.queue("crm")).contains("guest.crm.dlq");
        assertThat(queues.queue("guest.routing")).isEmpty();
    }

    @Test
    void bookkeepingIsDroppedOnReplayButApplicationPropertiesAreNot() {
        assertThat(DeadLetterHeaders.isBookkeeping(DeadLetterHeaders.REASON)).isTrue();
        assertThat(DeadLetterHeaders.isBookkeeping(DeadLetterHeaders.REPLAY_QUEUE)).isTrue();
        assertThat(DeadLetterHeaders.isBookkeeping("JMSXGroupID")).isFalse();
        assertThat(DeadLetterHeaders.isBookkeeping("traceId")).isFalse();
    }
}
