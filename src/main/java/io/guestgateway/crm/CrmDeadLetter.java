package io.guestgateway.crm;

import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;

/**
 * Describes a dead letter in headers the admin API lists and replays by: why it failed, the CRM's
 * last status (0 = no answer), how many calls were made, when the first one failed. The route sets
 * {@value #REPLAY_QUEUE} (where a replay sends the body) next to these.
 */
public class CrmDeadLetter {

    public static final String REASON = "GatewayDeadLetterReason";
    public static final String LAST_STATUS = "GatewayLastStatus";
    public static final String ATTEMPTS = "GatewayAttempts";
    public static final String FIRST_FAILURE_AT = "GatewayFirstFailureAt";
    public static final String RECORDS = "GatewayRecords";
    public static final String REPLAY_QUEUE = "GatewayReplayQueue";

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
        long firstFailure = exchange.getProperty(CrmFailedAttempt.FIRST_FAILURE_AT, clock.millis(), Long.class);
        var message = exchange.getMessage();
        message.setHeader(REASON, failures.reasonOf(failure));
        message.setHeader(LAST_STATUS, failures.statusOf(failure));
        message.setHeader(ATTEMPTS, attempts);
        message.setHeader(FIRST_FAILURE_AT, Instant.ofEpochMilli(firstFailure).toString());
        Integer records = exchange.getProperty(CrmBatchMetrics.RECORDS, Integer.class);
        if (records != null) {
            message.setHeader(RECORDS, records);
        }
    }
}
