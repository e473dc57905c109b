package io.guestgateway.guest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One accepted inbound guest message: what ingest hands to the durable queues {@code guest.routing}
 * and {@code guest.crm}, as JSON with exactly these field names.
 *
 * @param sessionId   the CXone {@code conversationId}
 * @param fingerprint browser fingerprint, or {@code anonymous} when the frame had none
 * @param text        message text, cut to {@code gateway.max-text-length}
 * @param queueId     skill-based queue, {@code default} when the frame had none
 * @param timestamp   when the guest sent it, epoch seconds (fractional)
 * @param messageId   the frame's {@code messageId}, or {@code null}
 * @param receivedAt  when the gateway read the frame off the WebSocket, epoch milliseconds (SLA start)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuestMessage(
        String sessionId,
        String fingerprint,
        String text,
        String queueId,
        double timestamp,
        String messageId,
        long receivedAt) {

    public static final String ANONYMOUS = "anonymous";
    public static final String DEFAULT_QUEUE = "default";
}
