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

    public RejectedFrameException(RejectReason reason, String rule) {
        super("frame rejected (" + reason.code() + "): " + rule, null, false, false);
        this.reason = reason;
    }

    /** The machine-readable reason, e.g. {@code bad-timestamp}. */
    public String reason() {
        return reason.code();
    }

    public RejectReason rejectReason() {
        return reason;
    }

    /**
     * The reason code for any exception an ingest step threw: the reason of a
     * {@link RejectedFrameException}, also when Camel wrapped it (a {@code method:} expression such as
     * the content filter's throws it inside a {@code RuntimeBeanExpressionException}), else
     * {@code internal-error} (a bug on our side, not the frame's fault, but the frame still goes to
     * the rejected store rather than vanishing).
     */
    public static String reasonOf(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 10; depth++) {
            if (cause instanceof RejectedFrameException rejected) {
                return rejected.reason();
            }
            cause = cause.getCause();
        }
        return "internal-error";
    }
}
