package io.guestgateway.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.guest.GuestMessage;

/**
 * The parser and the content filter of routes/ingest.yaml, in Java because they enforce limits
 * Camel's JSON data formats do not have: {@link #parse} (JSON under limits) and
 * {@link #toGuestMessage} (the docs/cxone-contract.md §2 field table). The message filter between them is the
 * route's own {@code choice}. Every failure is a {@link RejectedFrameException} that carries the
 * {@link RejectedFrame} to keep. Thread-safe.
 *
 * <p>Limits (a frame over any of them is rejected, never partly read):
 * <ul>
 *   <li>frame size: {@code maxFrameBytes} UTF-8 bytes (default 1 MiB, as the WebSocket limit);</li>
 *   <li>nesting depth: {@code maxDepth} (default 16; a contract frame is 3 deep);</li>
 *   <li>any single string, the text included: {@code maxStringLength} chars (default 64 KiB).
 *       A text between {@code maxTextLength} and this is cut with {@link #TRUNCATION_MARKER};
 *       one above it is rejected as {@code too-long-string}: no chat widget sends 64 KiB, so that
 *       is an attack, and the bound keeps a frame's decoded strings small;</li>
 *   <li>numbers at most {@value #MAX_NUMBER_LENGTH} digits, keys at most {@value #MAX_NAME_LENGTH}
 *       chars, at most {@value #MAX_TOKENS} tokens; duplicate keys and trailing content reject.</li>
 * </ul>
 * Field limits: conversationId 1-{@value #MAX_CONVERSATION_ID}, fingerprint and messageId at most
 * {@value #MAX_FINGERPRINT}, queueId at most {@value #MAX_QUEUE_ID} code points, all printable.
 */
public final class GuestFrames {

    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_TEXT_LENGTH = 4096;
    public static final int DEFAULT_MAX_DEPTH = 16;
    public static final int DEFAULT_MAX_STRING_LENGTH = 64 * 1024;
    public static final int MAX_NUMBER_LENGTH = 64;
    public static final int MAX_NAME_LENGTH = 256;
    public static final int MAX_TOKENS = 100_000;
    public static final int MAX_CONVERSATION_ID = 128;
    public static final int MAX_FINGERPRINT = 256;
    public static final int MAX_QUEUE_ID = 128;
    public static final int MAX_MESSAGE_ID = 256;
    /** Ends a cut text; the cut text including the marker is at most {@code maxTextLength} chars. */
    public static final String TRUNCATION_MARKER = "…[truncated]";


    private final ObjectMapper mapper;
    private final int maxFrameBytes;
    private final int maxTextLength;

    public GuestFrames() {
        this(DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_TEXT_LENGTH);
    }

    /** With the given frame and text limits and the default depth and string limits. */
    public GuestFrames(int maxFrameBytes, int maxTextLength) {
        this(maxFrameBytes, maxTextLength, DEFAULT_MAX_DEPTH, Math.max(DEFAULT_MAX_STRING_LENGTH, maxTextLength));
    }

    public GuestFrames(int maxFrameBytes, int maxTextLength, int maxDepth, int maxStringLength) {
        require(maxFrameBytes >= 1024, "maxFrameBytes must be at least 1024");
        require(maxTextLength >= 2 * TRUNCATION_MARKER.length(), "maxTextLength must be at least 24");
        require(maxDepth >= 3, "maxDepth must be at least 3 (metadata.routing.queueId)");
        require(maxStringLength >= Math.max(maxTextLength, MAX_FINGERPRINT),
                "maxStringLength must be at least maxTextLength and 256");
        this.maxFrameBytes = maxFrameBytes;
        this.maxTextLength = maxTextLength;
        this.mapper = ParserLimits.mapper(maxFrameBytes, maxDepth, maxStringLength);
    }

    /**
     * The parser: the frame as a JSON object under the limits above, or a
     * {@link RejectedFrameException} describing it with its receive instant.
     */
    public ParsedFrame parse(String frame, long receivedAtMillis) {
        try {
            return new ParsedFrame(frame, json(frame));
        } catch (RejectedFrameException e) {
            throw e.describing(frame, receivedAtMillis);
        }
    }

    private JsonNode json(String frame) {
        if (frame == null) {
            throw new RejectedFrameException(RejectReason.NOT_JSON, "no frame");
        }
        if (frame.length() > maxFrameBytes || Utf8.length(frame) > maxFrameBytes) {
            throw new RejectedFrameException(RejectReason.TOO_LARGE, "frame exceeds " + maxFrameBytes + " bytes");
        }
        JsonNode node;
        try {
            node = mapper.readTree(frame);
        } catch (StreamConstraintsException e) {
            throw new RejectedFrameException(ParserLimits.reasonFor(e), "frame exceeds a parser limit");
        } catch (JsonProcessingException e) {
            boolean duplicate = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field");
            throw duplicate
                    ? new RejectedFrameException(RejectReason.DUPLICATE_KEY, "an object repeats a key")
                    : new RejectedFrameException(RejectReason.NOT_JSON, "frame is not valid JSON");
        }
        if (node == null || node.isMissingNode()) {
            throw new RejectedFrameException(RejectReason.NOT_JSON, "frame is empty");
        }
        if (!node.isObject()) {
            throw new RejectedFrameException(RejectReason.NOT_OBJECT, "frame is not a JSON object");
        }
        return node;
    }

    /**
     * The content filter: the docs/cxone-contract.md §2 mapping. Every contract field that is present is
     * checked, even one a fallback makes unused (a bad {@code guest.fingerprint} rejects a frame that also has
     * {@code metadata.browserFingerprint}); {@code metadata}, {@code metadata.routing} and
     * {@code guest} must be objects when present. Blank optional strings count as missing.
     */
    public GuestMessage toGuestMessage(ParsedFrame parsed, long receivedAtMillis) {
        try {
            return toGuestMessage(parsed.json(), receivedAtMillis);
        } catch (RejectedFrameException e) {
            throw e.describing(parsed.raw(), receivedAtMillis);
        }
    }

    private GuestMessage toGuestMessage(JsonNode frame, long receivedAtMillis) {
        if (frame == null || !frame.isObject()) {
            throw new RejectedFrameException(RejectReason.NOT_OBJECT, "frame is not a JSON object");
        }
        String sessionId = FrameFields.identifier(frame, "conversationId", MAX_CONVERSATION_ID,
                RejectReason.BAD_CONVERSATION_ID);
        if (sessionId == null) {
            throw new RejectedFrameException(RejectReason.BAD_CONVERSATION_ID, "conversationId is missing or blank");
        }
        JsonNode metadata = FrameFields.object(frame, "metadata", RejectReason.BAD_METADATA);
        JsonNode routing = FrameFields.object(metadata, "routing", RejectReason.BAD_METADATA);
        JsonNode guest = FrameFields.object(frame, "guest", RejectReason.BAD_GUEST);
        String browser = FrameFields.identifier(metadata, "browserFingerprint", MAX_FINGERPRINT,
                RejectReason.BAD_FINGERPRINT);
        String guestPrint = FrameFields.identifier(guest, "fingerprint", MAX_FINGERPRINT, RejectReason.BAD_FINGERPRINT);
        String fingerprint = browser != null ? browser : guestPrint != null ? guestPrint : GuestMessage.ANONYMOUS;
        String queueId = FrameFields.identifier(routing, "queueId", MAX_QUEUE_ID, RejectReason.BAD_QUEUE_ID);
        String messageId = FrameFields.identifier(frame, "messageId", MAX_MESSAGE_ID, RejectReason.BAD_MESSAGE_ID);
        return new GuestMessage(
                sessionId,
                fingerprint,
                FrameFields.text(frame, "text", maxTextLength),
                queueId != null ? queueId : GuestMessage.DEFAULT_QUEUE,
                FrameTimestamps.epochSeconds(frame.get("timestamp"), receivedAtMillis),
                messageId,
                receivedAtMillis);
    }


    public int maxTextLength() {
        return maxTextLength;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
