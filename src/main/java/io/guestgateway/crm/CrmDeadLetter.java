package io.guestgateway.crm;

import io.guestgateway.deadletter.DeadLetterHeaders;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;

/**
 * Describes a dead letter in the headers the admin API lists and replays by
 * ({@link DeadLetterHeaders}): why it failed, the CRM's last status (0 = no answer), how many calls
 * were made, when the first one failed, when it was parked, and which batch it is. The route sets
 * {@link DeadLetterHeaders#REPLAY_QUEUE} next to these.
 */
public class CrmDeadLetter {

    /** Records in a dead-lettered batch; absent for an unreadable guest message. */
    public static final String RECORDS = "GatewayRecords";

    private final CrmFailures failures;
    private final Clock clock;

    public CrmDeadLetter(CrmFailures failures) {
        this(failures, Clock.systemUTC());
    }

    CrmDeadLetter(CrmFailures failures, Clock clock) {
        this.failures = failures;
        this.clock = clock;
    }

    public void describe(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // failed CRM calls as counted by CrmFailedAttempt; a batch recovered after crashes carries
        // its recovery count instead; an unreadable guest message was tried once
        Integer attempts = exchange.getProperty(CrmFailedAttempt.ATTEMPTS, Integer.class);
        if (attempts == null) {
            attempts = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        }
        long now = clock.millis();
        long firstFailure = exchange.getProperty(CrmFailedAttempt.FIRST_FAILURE_AT, now, Long.class);
        var message = exchange.getMessage();
        message.setHeader(DeadLetterHeaders.REASON, failures.reasonOf(failure));
        message.setHeader(DeadLetterHeaders.LAST_STATUS, failures.statusOf(failure));
        message.setHeader(DeadLetterHeaders.ATTEMPTS, attempts);
        message.setHeader(DeadLetterHeaders.FIRST_FAILURE, Instant.ofEpochMilli(firstFailure).toString());
        message.setHeader(DeadLetterHeaders.DEAD_LETTERED_AT, Instant.ofEpochMilli(now).toString());
        message.setHeader(DeadLetterHeaders.KEY, exchange.getExchangeId());
        Integer records = exchange.getProperty(CrmBatchMetrics.RECORDS, Integer.class);
        if (records != null) {
            message.setHeader(RECORDS, records);
        }
    }
}
