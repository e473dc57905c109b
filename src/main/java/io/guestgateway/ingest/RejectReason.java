package io.guestgateway.ingest;

/**
 * Why a frame was rejected. A closed set, so the {@link #code()} is safe as a metric tag and
 * a log field: hostile input can never create a new value.
 */
public enum RejectReason {
    /** Not parseable as one JSON document (also: empty, trailing garbage, NaN/Infinity literals). */
    NOT_JSON("not-json"),
    /** Valid JSON, but the top level is not an object. */
    NOT_OBJECT("not-object"),
    /** An object with the same key twice: readers may disagree on which value counts. */
    DUPLICATE_KEY("duplicate-key"),
    /** More than the frame size limit (UTF-8 bytes). */
    TOO_LARGE("too-large"),
    /** Nested deeper than the depth limit. */
    TOO_DEEP("too-deep"),
    /** A string value longer than the string limit (even the text: see {@code GuestFrames}). */
    TOO_LONG_STRING("too-long-string"),
    /** A number literal with more digits than the number limit. */
    TOO_LONG_NUMBER("too-long-number"),
    /** A key longer than the key limit. */
    TOO_LONG_NAME("too-long-name"),
    /** More JSON tokens than the token limit (e.g. a huge array of small values). */
    TOO_MANY_TOKENS("too-many-tokens"),
    /** Some other parser limit. */
    LIMIT_EXCEEDED("limit-exceeded"),
    BAD_CONVERSATION_ID("bad-conversation-id"),
    BAD_FINGERPRINT("bad-fingerprint"),
    BAD_TEXT("bad-text"),
    BAD_QUEUE_ID("bad-queue-id"),
    BAD_TIMESTAMP("bad-timestamp"),
    BAD_MESSAGE_ID("bad-message-id"),
    /** {@code metadata} (or {@code metadata.routing}) present but not an object. */
    BAD_METADATA("bad-metadata"),
    /** {@code guest} present but not an object. */
    BAD_GUEST("bad-guest");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The short kebab-case label, e.g. {@code bad-timestamp}. */
    public String code() {
        return code;
    }
}
