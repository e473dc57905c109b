package io.guestgateway.crm;

import io.guestgateway.cxone.TlsFailure;
import io.guestgateway.cxone.TlsTrust;
import io.guestgateway.platform.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.ObjectHelper;

/**
 * Runs after every failed CRM call, before the error handler picks the next delay (the error
 * handler's {@code onExceptionOccurredRef} in {@code routes/sync-crm.yaml}); Java because no
 * redelivery option reads a {@code Retry-After}, and Camel clears its redelivery headers before
 * an {@code onException}'s steps run.
 *
 * <p>When the CRM sent {@code Retry-After}, that wait, capped at {@code crm.max-retry-after}, goes
 * into {@link Exchange#REDELIVERY_DELAY}, which the error handler uses instead of its backoff for
 * this one attempt; a failure without it clears the header, so an earlier 429's wait is not
 * reused. It also counts the failed calls and keeps the time of the first, for the dead letter.
 */
public class CrmFailedAttempt implements Processor {

    /** Exchange property: what TLS refused, when the failed call was a TLS handshake. */
    public static final String TLS_FAILURE = "CrmTlsFailure";

    /** Exchange property: epoch milliseconds of the batch's first failed call. */
    public static final String FIRST_FAILURE_AT = "CrmFirstFailureAt";
    /** Exchange property: failed calls so far. */
    public static final String FAILED_CALLS = "CrmFailedCalls";

    private final Duration maxWait;
    private final Clock clock;

    public CrmFailedAttempt(Duration maxWait) {
        this(maxWait, Clock.systemUTC());
    }

    CrmFailedAttempt(Duration maxWait, Clock clock) {
        this.maxWait = maxWait;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Instant now = clock.instant();
        if (exchange.getProperty(FIRST_FAILURE_AT) == null) {
            exchange.setProperty(FIRST_FAILURE_AT, now.toEpochMilli());
        }
        exchange.setProperty(FAILED_CALLS, exchange.getProperty(FAILED_CALLS, 0, Integer.class) + 1);
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // a refused certificate needs a person: the dead letter's reason says what TLS refused
        TlsFailure.reason(failure, TlsTrust.CRM_KEY).ifPresentOrElse(
                tls -> exchange.setProperty(TLS_FAILURE, tls), () -> exchange.removeProperty(TLS_FAILURE));
        HttpOperationFailedException http = ObjectHelper.getException(HttpOperationFailedException.class, failure);
        Optional<Duration> wait = http == null ? Optional.empty()
                : RetryAfter.of(http, now, maxWait);
        if (wait.isPresent()) {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, wait.get().toMillis());
        } else {
            exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }
}
