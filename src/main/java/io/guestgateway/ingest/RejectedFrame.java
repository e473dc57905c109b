package io.guestgateway.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What {@code guest.rejected} keeps of a rejected frame: enough to see what went wrong and how
 * often, never the raw frame. Serialises with Jackson as
 * {@code {"reason":..,"receivedAt":..,"sizeBytes":..,"excerpt":..}}.
 *
 * @param reason     a {@link RejectReason} code, e.g. {@code bad-timestamp}
 * @param receivedAt when the frame came off the WebSocket, epoch milliseconds
 * @param sizeBytes  the frame's size in UTF-8 bytes
 * @param excerpt    the start of the frame, escaped by {@link SafeText} (no control, ANSI or bidi
 *                   characters, no raw line breaks), at most {@link #EXCERPT_LENGTH} characters
 */
public record RejectedFrame(String reason, long receivedAt, long sizeBytes, String excerpt) {

    public static final int EXCERPT_LENGTH = 120;

    private static final ObjectMapper JSON = new ObjectMapper();

    public RejectedFrame {
        // the reason may come from a route expression: keep it short and printable too
        reason = reason == null || reason.isBlank() ? "unknown" : SafeText.escape(reason, 64);
        excerpt = excerpt == null ? "" : excerpt;
    }

    /** Builds the record from the raw frame; a {@code null} frame gives size 0 and excerpt "". */
    public static RejectedFrame of(String frame, String reason, long receivedAt) {
        if (frame == null) {
            return new RejectedFrame(reason, receivedAt, 0, "");
        }
        // Escape only a prefix: a 1 MiB frame must not cost a 1 MiB scan. One char more than fits
        // is enough to make escape() cut (every char yields at least one output char).
        String head = frame.length() > EXCERPT_LENGTH ? frame.substring(0, EXCERPT_LENGTH + 1) : frame;
        String excerpt = SafeText.escape(head, EXCERPT_LENGTH);
        return new RejectedFrame(reason, receivedAt, Utf8.length(frame), excerpt);
    }

    /** The JSON put on {@code guest.rejected}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a rejected-frame record", e);
        }
    }
}
