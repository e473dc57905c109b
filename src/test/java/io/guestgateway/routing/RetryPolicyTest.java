package io.guestgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void doublesFromTheInitialDelayUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(5));
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(policy::backoff).map(Duration::toSeconds))
                .containsExactly(2L, 4L, 8L, 16L, 30L, 30L);
    }

    @Test
    void aHugeRetryNumberStaysAtTheMaximum() {
        RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(5));
        assertThat(policy.backoff(1_000_000)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void longerPicksTheLongerWait() {
        assertThat(RetryPolicy.longer(Duration.ofSeconds(2), null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryPolicy.longer(Duration.ofSeconds(2), Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryPolicy.longer(Duration.ofSeconds(2), Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
    }
}
