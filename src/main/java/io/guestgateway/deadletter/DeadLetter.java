package io.guestgateway.deadletter;

/**
 * One dead letter as the admin API lists it: the bookkeeping, never the message text.
 *
 * @param id            the broker's message id, without its {@code ID:} prefix
 * @param key           what it is about (conversation id, batch id), or {@code null}
 * @param reason        why it was given up
 * @param lastStatus    last downstream HTTP status, 0 for none
 * @param attempts      downstream calls made
 * @param firstFailure  ISO-8601, or {@code null}
 * @param deadLetteredAt ISO-8601, or {@code null}
 * @param replayQueue   where a replay sends it, or {@code null} when it cannot be replayed
 */
public record DeadLetter(String id, String key, String reason, int lastStatus, int attempts,
        String firstFailure, String deadLetteredAt, String replayQueue) {}
