package io.guestgateway.ingest;

/**
 * A frame broke the wire contract and goes to {@code guest.rejected} instead of the queues.
 *
 * <p>The message names the reason and the rule, never the frame's content, and the parser's own
 * exception is deliberately not kept as the cause: Jackson's messages quote the offending token.
 * No stack trace is captured: under a flood of garbage this is thrown thousands of times a second
 * and the stack (always the same parse call) is worth nothing.
 */
public class RejectedFrameException extends RuntimeException {

    private final RejectReason reason;
    private RejectedFrame frame;

    public RejectedFrameException(RejectReason reason, String rule) {
        super("frame rejected (" + reason.code() + "): " + rule, null, false, false);
        this.reason = reason;
    }

    /** The machine-readable reason, e.g. {@code bad-timestamp}. */
    public String reason() {
        return reason.code();
    }

    /**
     * Notes the frame this rejects, so that the route's error handler keeps it
     * ({@code ${exception.rejectedFrame()}}) without the raw text travelling in a property.
     */
    RejectedFrameException describing(String rawFrame, long receivedAtMillis) {
        if (frame == null) {
            frame = RejectedFrame.of(rawFrame, reason(), receivedAtMillis);
        }
        return this;
    }

    /** What {@code guest.rejected} keeps of the frame: reason, receive instant, size, escaped excerpt. */
    public RejectedFrame rejectedFrame() {
        return frame != null ? frame : RejectedFrame.of(null, reason(), 0);
    }
}
