package io.guestgateway.crm;

import com.fasterxml.jackson.core.JacksonException;
import io.guestgateway.cxone.TlsFailure;
import io.guestgateway.cxone.TlsTrust;
import java.io.IOException;
import java.util.Optional;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The one place that decides what a failed CRM call means (contract §4 says only "any 2xx is
 * success"; the rest follows the routing rules of §3): 408, 429, 5xx and I/O errors (refused
 * connection, timeout, reset, a failed TLS handshake) are transient and retried; any other answer
 * is final and the batch is dead-lettered at once. A refused certificate needs a person (trust
 * store or CRM certificate); if the retries run out first, the dead letter's reason says what TLS
 * refused. Reasons name the status or the error class, never the URL (it may carry a key) or the
 * CRM's answer.
 */
public class CrmFailures {

    /** Whether another attempt may succeed. */
    public boolean isRetryable(Throwable failure) {
        HttpOperationFailedException http = find(failure, HttpOperationFailedException.class);
        if (http != null) {
            int status = http.getStatusCode();
            return status == 408 || status == 429 || status >= 500;
        }
        // Jackson's exceptions are IOExceptions too, but bad JSON stays bad
        return find(failure, IOException.class) != null && find(failure, JacksonException.class) == null;
    }

    /** The CRM's HTTP status, or 0 when it did not answer. */
    public int statusOf(Throwable failure) {
        HttpOperationFailedException http = find(failure, HttpOperationFailedException.class);
        return http == null ? 0 : http.getStatusCode();
    }

    /** A short, log-safe reason. */
    public String reasonOf(Throwable failure) {
        if (failure == null) {
            return "batch was not confirmed as sent after repeated recovery";
        }
        HttpOperationFailedException http = find(failure, HttpOperationFailedException.class);
        if (http != null) {
            return "CRM answered HTTP " + http.getStatusCode();
        }
        if (find(failure, JacksonException.class) != null) {
            return "guest message is not valid JSON";
        }
        Optional<String> tls = TlsFailure.reason(failure, TlsTrust.CRM_KEY);
        if (tls.isPresent()) {
            return "TLS error calling the CRM: " + tls.get();
        }
        IOException io = find(failure, IOException.class);
        if (io != null) {
            return "I/O error calling the CRM: " + io.getClass().getSimpleName();
        }
        UnreadableGuestMessageException unreadable = find(failure, UnreadableGuestMessageException.class);
        if (unreadable != null) {
            return unreadable.getMessage();
        }
        InvalidCrmBatchException invalid = find(failure, InvalidCrmBatchException.class);
        if (invalid != null) {
            return invalid.getMessage();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "unexpected failure: " + root.getClass().getSimpleName();
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
