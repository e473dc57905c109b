package io.guestgateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The contract's {@code timestamp}, as epoch seconds (fractional).
 *
 * <ul>
 *   <li>a JSON number up to 10^11 is epoch seconds; above 10^11 it is epoch milliseconds (10^11 s
 *       is the year 5138, 10^11 ms is 1973, so the two ranges do not overlap in practice);</li>
 *   <li>a string is ISO-8601 with a zone: {@code 2025-11-29T10:15:30.127Z} or with an offset
 *       {@code +01:00}; a local date-time without offset is ambiguous and rejected;</li>
 *   <li>missing or {@code null}: the receive time;</li>
 *   <li>anything else rejects the frame with {@code bad-timestamp}: booleans, objects, arrays,
 *       numbers written as strings, negative values, non-finite values (a literal {@code NaN}
 *       does not even parse), and instants after 9999-12-31T23:59:59.999Z.</li>
 * </ul>
 */
final class FrameTimestamps {

    /** Numbers above this are epoch milliseconds. */
    static final double MILLIS_ABOVE = 1e11;
    /** 9999-12-31T23:59:59.999Z: anything later is garbage, not a date. */
    static final double MAX_SECONDS = 253_402_300_799.999;
    /** The longest ISO-8601 instant is about 35 characters; longer strings are not parsed at all. */
    private static final int MAX_ISO_LENGTH = 64;

    private FrameTimestamps() {
    }

    static double epochSeconds(JsonNode node, long receivedAtMillis) {
        if (node == null || node.isNull()) {
            return receivedAtMillis / 1000.0;
        }
        double seconds;
        if (node.isNumber()) {
            double value = node.asDouble();
            if (!Double.isFinite(value) || value < 0) {
                throw bad("timestamp is negative or not finite");
            }
            seconds = value > MILLIS_ABOVE ? value / 1000.0 : value;
        } else if (node.isTextual()) {
            seconds = iso(node.textValue());
        } else {
            throw bad("timestamp is neither a number nor a string");
        }
        if (!(seconds >= 0 && seconds <= MAX_SECONDS)) {
            throw bad("timestamp is out of range");
        }
        return seconds + 0.0; // turns -0.0 into 0.0
    }

    private static double iso(String text) {
        if (text.length() > MAX_ISO_LENGTH) {
            throw bad("timestamp string is too long for ISO-8601");
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                throw bad("timestamp string is not ISO-8601 with a zone or offset");
            }
        }
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private static RejectedFrameException bad(String rule) {
        return new RejectedFrameException(RejectReason.BAD_TIMESTAMP, rule);
    }
}
