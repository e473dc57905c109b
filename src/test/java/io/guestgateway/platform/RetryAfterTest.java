package io.guestgateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-11-29T10:00:00Z");
    private static final Duration CAP = Duration.ofSeconds(120);

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfter.parse("3", NOW, CAP)).contains(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse(" 0 ", NOW, CAP)).contains(Duration.ZERO);
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfter.parse("Sat, 29 Nov 2025 10:00:45 GMT", NOW, CAP)).contains(Duration.ofSeconds(45));
        // a date already past means "now"
        assertThat(RetryAfter.parse("Sat, 29 Nov 2025 09:59:00 GMT", NOW, CAP)).contains(Duration.ZERO);
    }

    @Test
    void capsLongWaits() {
        assertThat(RetryAfter.parse("86400", NOW, CAP)).contains(CAP);
        assertThat(RetryAfter.parse("99999999999999999999999", NOW, CAP)).contains(CAP);
        assertThat(RetryAfter.parse("Sun, 30 Nov 2025 10:00:00 GMT", NOW, CAP)).contains(CAP);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse(null, NOW, CAP)).isEmpty();
        assertThat(RetryAfter.parse("", NOW, CAP)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW, CAP)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW, CAP)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW, CAP)).isEmpty();
    }
}
