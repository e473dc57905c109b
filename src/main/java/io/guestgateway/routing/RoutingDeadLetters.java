package io.guestgateway.routing;

import io.guestgateway.ingest.SafeText;
import io.guestgateway.deadletter.DeadLetterHeaders;
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
        RoutingState state = RoutingState.of(exchange);
        if (state != null && state.rollBack() || exchange.getContext().isStopping()) {
            return true;
        }
        FailureKind kind = RoutingOutcomeClassifier.kindOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        return kind == FailureKind.STOPPING || kind == FailureKind.BREAKER_OPEN;
    }

    /** Puts the bookkeeping on the (original) message about to enter the dead-letter queue. */
    public void stamp(Exchange exchange) {
        Message message = exchange.getMessage();
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RoutingState state = RoutingState.of(exchange);
        String reason = state != null && state.reason() != null ? state.reason()
                : failure == null ? "unknown" : RoutingRedeliveryPlanner.reason(failure);
        Long firstFailure = state == null ? null : state.firstFailure();
        message.removeHeader(DeadLetterHeaders.REPLAYED);
        message.setHeader(DeadLetterHeaders.REASON, reason);
        message.setHeader(DeadLetterHeaders.LAST_STATUS,
                state != null ? state.lastStatus() : RoutingOutcomeClassifier.statusOf(failure));
        message.setHeader(DeadLetterHeaders.ATTEMPTS, state == null ? 0 : state.attempts());
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
        Message message = exchange.getMessage();
        LOG.warn("Conversation {} dead-lettered after {} attempt(s), last status {}: {}", SafeText.escape(key, 200),
                message.getHeader(DeadLetterHeaders.ATTEMPTS), message.getHeader(DeadLetterHeaders.LAST_STATUS),
                SafeText.escape(message.getHeader(DeadLetterHeaders.REASON, String.class), 200));
    }

    private static String conversationId(Exchange exchange) {
        RoutingState state = RoutingState.of(exchange);
        if (state != null && state.conversationId() != null) {
            return state.conversationId();
        }
        // an unreadable message: ingest's group id is the conversation id
        return exchange.getMessage().getHeader("JMSXGroupID", String.class);
    }
}
