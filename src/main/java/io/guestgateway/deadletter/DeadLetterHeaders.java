package io.guestgateway.deadletter;

/**
 * JMS properties every dead letter carries, whichever stage wrote it. Names are valid JMS property
 * identifiers, so they survive any broker.
 */
public final class DeadLetterHeaders {

    /** Why the message was given up, safe to show (no message text, no secrets). */
    public static final String REASON = "GatewayDeadLetterReason";
    /** The last HTTP status of the downstream call; 0 when there was no answer or no call. */
    public static final String LAST_STATUS = "GatewayLastStatus";
    /** Downstream calls made for the message. */
    public static final String ATTEMPTS = "GatewayAttempts";
    /** When the first failure happened, ISO-8601. */
    public static final String FIRST_FAILURE = "GatewayFirstFailure";
    /** When the message was dead-lettered, ISO-8601. */
    public static final String DEAD_LETTERED_AT = "GatewayDeadLetteredAt";
    /** The queue a replay sends the message back to. */
    public static final String REPLAY_QUEUE = "GatewayReplayQueue";
    /** What the message is about (a conversation id, a batch id), for the listing. */
    public static final String KEY = "GatewayDeadLetterKey";
    /** Set on a message an operator replayed; stages may let it past their "already done" checks. */
    public static final String REPLAYED = "GatewayReplayed";

    private DeadLetterHeaders() {}

    /** Whether a property is dead-letter bookkeeping, to be dropped when the message is replayed. */
    public static boolean isBookkeeping(String name) {
        return name.equals(REASON) || name.equals(LAST_STATUS) || name.equals(ATTEMPTS)
                || name.equals(FIRST_FAILURE) || name.equals(DEAD_LETTERED_AT) || name.equals(REPLAY_QUEUE)
                || name.equals(KEY) || name.equals(REPLAYED);
    }
}
