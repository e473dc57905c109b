package io.guestgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterHeaderTest {

    private static final Instant NOW = Instant.parse("2025-11-29T10:00:00Z");
    private static final Duration CAP = Duration.ofSeconds(120);

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfterHeader.parse("3", NOW, CAP)).contains(Duration.ofSeconds(3));
        assertThat(RetryAfterHeader.parse(" 0 ", NOW, CAP)).contains(Duration.ZERO);
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfterHeader.parse("Sat, 29 Nov 2025 10:00:45 GMT", NOW, CAP)).contains(Duration.ofSeconds(45));
        // a date already past means "now"
        assertThat(RetryAfterHeader.parse("Sat, 29 Nov 2025 09:59:00 GMT", NOW, CAP)).contains(Duration.ZERO);
    }

    @Test
    void capsLongWaits() {
        assertThat(RetryAfterHeader.parse("86400", NOW, CAP)).contains(CAP);
        assertThat(RetryAfterHeader.parse("99999999999999999999999", NOW, CAP)).contains(CAP);
        assertThat(RetryAfterHeader.parse("Sun, 30 Nov 2025 10:00:00 GMT", NOW, CAP)).contains(CAP);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfterHeader.parse(null, NOW, CAP)).isEmpty();
        assertThat(RetryAfterHeader.parse("", NOW, CAP)).isEmpty();
        assertThat(RetryAfterHeader.parse("-5", NOW, CAP)).isEmpty();
        assertThat(RetryAfterHeader.parse("1.5", NOW, CAP)).isEmpty();
        assertThat(RetryAfterHeader.parse("soon", NOW, CAP)).isEmpty();
    }
}
