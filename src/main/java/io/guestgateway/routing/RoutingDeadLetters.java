package io.guestgateway.routing;

import io.guestgateway.deadletter.DeadLetterHeaders;
import io.guestgateway.guest.GuestMessage;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter side of {@code route-conversation}: whether a failed exchange really goes to
 * {@code guest.routing.dlq} or back to its queue, the bookkeeping headers it carries there, and
 * the record that its conversation is done until someone replays it.
 */
public class RoutingDeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingDeadLetters.class);

    private final String originQueue;
    private final ConversationLedger ledger;
    private final RoutingMetrics metrics;
    private final Clock clock;

    public RoutingDeadLetters(String originQueue, ConversationLedger ledger, RoutingMetrics metrics, Clock clock) {
        this.originQueue = originQueue;
        this.ledger = ledger;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * True when the failure is no verdict on the conversation: the gateway is stopping (a wait was
     * cut short) or the breaker still held it. Such a message must go back to its queue.
     */
    public boolean mustRollBack(Exchange exchange) {
        if (exchange.getProperty(RoutingProperty.ROLL_BACK, false, Boolean.class) || exchange.getContext().isStopping()) {
            return true;
        }
        FailureKind kind = RoutingOutcomeClassifier.kindOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        return kind == FailureKind.STOPPING || kind == FailureKind.BREAKER_OPEN;
    }

    /** Puts the bookkeeping on the (original) message about to enter the dead-letter queue. */
    public void stamp(Exchange exchange) {
        Message message = exchange.getMessage();
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = exchange.getProperty(RoutingProperty.REASON, String.class);
        if (reason == null) {
            reason = failure == null ? "unknown" : RoutingRedeliveryPlanner.reason(failure);
        }
        Long firstFailure = exchange.getProperty(RoutingProperty.FIRST_FAILURE, Long.class);
        message.removeHeader(DeadLetterHeaders.REPLAYED);
        message.setHeader(DeadLetterHeaders.REASON, reason);
        message.setHeader(DeadLetterHeaders.LAST_STATUS, exchange.getProperty(RoutingProperty.LAST_STATUS,
                RoutingOutcomeClassifier.statusOf(failure), Integer.class));
        message.setHeader(DeadLetterHeaders.ATTEMPTS, exchange.getProperty(RoutingProperty.ATTEMPTS, 0, Integer.class));
        message.setHeader(DeadLetterHeaders.FIRST_FAILURE,
                Instant.ofEpochMilli(firstFailure == null ? clock.millis() : firstFailure).toString());
        message.setHeader(DeadLetterHeaders.DEAD_LETTERED_AT, clock.instant().toString());
        message.setHeader(DeadLetterHeaders.REPLAY_QUEUE, originQueue);
        String key = conversationId(exchange);
        if (key != null) {
            message.setHeader(DeadLetterHeaders.KEY, key);
        }
    }

    /** After the dead-letter queue took it: later messages of the conversation are duplicates. */
    public void recorded(Exchange exchange) {
        String key = conversationId(exchange);
        if (key != null) {
            ledger.markDeadLettered(key);
        }
        metrics.deadLettered();
        LOG.warn("Conversation {} dead-lettered to {}.dlq after {} attempt(s), last status {}: {}",
                LogText.escape(key), originQueue, exchange.getMessage().getHeader(DeadLetterHeaders.ATTEMPTS),
                exchange.getMessage().getHeader(DeadLetterHeaders.LAST_STATUS),
                LogText.escape(exchange.getMessage().getHeader(DeadLetterHeaders.REASON, String.class)));
    }

    private static String conversationId(Exchange exchange) {
        GuestMessage guest = exchange.getProperty(RoutingProperty.GUEST_MESSAGE, GuestMessage.class);
        if (guest != null && guest.sessionId() != null) {
            return guest.sessionId();
        }
        // an unreadable message: ingest's group id is the conversation id
        return exchange.getMessage().getHeader("JMSXGroupID", String.class);
    }
}
