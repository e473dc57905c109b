package io.guestgateway.cxone;

import io.guestgateway.ingest.SafeText;

/**
 * Text from outside (a close reason, a server's error code, a client id) made safe for a log line
 * or health detail by the same escaping as rejected frames ({@link SafeText}).
 */
public final class LogSafe {

    private LogSafe() {
    }

    public static String escape(String text, int maxLength) {
        return text == null ? "" : SafeText.escape(text, maxLength);
    }

    /** "ConnectException: Connection refused", taking the message from a cause when the error has none. */
    public static String describe(Throwable error) {
        Throwable e = error;
        for (int i = 0; i < 5 && e.getMessage() == null && e.getCause() != null; i++) {
            e = e.getCause();
        }
        String message = e.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + escape(message, 200));
    }
}
