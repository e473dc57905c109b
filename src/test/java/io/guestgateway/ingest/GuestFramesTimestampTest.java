package io.guestgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The timestamp rule: seconds, milliseconds above 10^11, ISO-8601 with a zone; missing = receive time. */
class GuestFramesTimestampTest {

    static final long RECEIVED = 1_764_412_399_500L;
    final GuestFrames frames = new GuestFrames();

    double timestamp(String value) {
        String frame = "{\"conversationId\":\"c-1\"" + (value == null ? "" : ",\"timestamp\":" + value) + "}";
        return frames.toGuestMessage(frames.parse(frame, RECEIVED), RECEIVED).timestamp();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1764412345                       | 1764412345.0
            1764412345.127                   | 1764412345.127
            1764412345127                    | 1764412345.127
            1764412345127.5                  | 1764412345.1275
            100000000000                     | 100000000000.0
            100000000001                     | 100000000.001
            0                                | 0.0
            -0.0                             | 0.0
            1.764412345127E9                 | 1764412345.127
            253402300799999                  | 253402300799.999
            "2025-11-29T10:32:25.127Z"       | 1764412345.127
            "2025-11-29T10:32:25Z"           | 1764412345.0
            "2025-11-29T11:32:25.127+01:00"  | 1764412345.127
            "2025-11-29T10:32:25.127+00:00"  | 1764412345.127
            "1970-01-01T00:00:00Z"           | 0.0
            """)
    void accepted(String value, double expectedSeconds) {
        assertThat(timestamp(value)).isCloseTo(expectedSeconds, within(1e-6));
    }

    @Test
    void missingOrNullIsTheReceiveTime() {
        assertThat(timestamp(null)).isEqualTo(1_764_412_399.5);
        assertThat(timestamp("null")).isEqualTo(1_764_412_399.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0.001", "-1764412345127", "true", "false", "{}", "[]", "[1764412345]",
            "\"1764412345\"", "\"1764412345.127\"", "\"NaN\"", "\"Infinity\"", "\"\"", "\"yesterday\"",
            "\"2025-11-29T10:32:25\"", "\"2025-11-29\"", "\"2025-11-29T10:32:25.127Z \"",
            "\"1969-12-31T23:59:59Z\"", "\"+10000-01-01T00:00:00Z\"", "253402300800000", "1e300", "1e400",
            "-1e400", "123456789012345678901234567890"})
    void rejected(String value) {
        RejectedFrameException e = catchThrowableOfType(RejectedFrameException.class, () -> timestamp(value));
        assertThat(e).as(value).isNotNull();
        assertThat(e.reason()).isEqualTo("bad-timestamp");
    }

    @Test
    void overlongIsoStringRejectedWithoutParsing() {
        RejectedFrameException e = catchThrowableOfType(RejectedFrameException.class,
                () -> timestamp("\"" + "2".repeat(10_000) + "\""));
        assertThat(e.reason()).isEqualTo("bad-timestamp");
    }
}
